#include "registry/plugin_registry.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "plugins/test_adapter.hpp"

namespace tradehost::registry {
namespace {

constexpr sdk::Manifest kManifest = test_plugin::manifest_named("watched", 1);

// What was released, in order: an adapter's destructor and a library's deleter each append.
using Log = std::vector<std::string>;

class WatchedAdapter final : public test_plugin::TestAdapter<kManifest> {
 public:
  WatchedAdapter(Log& log, std::string name) : log_(log), name_(std::move(name)) {}
  ~WatchedAdapter() override { log_.push_back("adapter " + name_); }

 private:
  Log& log_;
  std::string name_;
};

// Stands in for the shared library: its deleter is where dlclose would unload the adapter's code.
std::shared_ptr<void> watched_library(Log& log, std::string name) {
  return std::shared_ptr<void>(new int(0), [&log, name = std::move(name)](void* p) {
    log.push_back("library " + name);
    delete static_cast<int*>(p);
  });
}

AdapterHandle watched_handle(Log& log, const std::string& name) {
  PluginInfo info;
  info.name = name;
  return AdapterHandle(watched_library(log, name), nullptr, std::make_unique<WatchedAdapter>(log, name), info);
}

TEST(AdapterHandle, DestroysTheAdapterBeforeReleasingItsLibrary) {
  Log log;
  { AdapterHandle a = watched_handle(log, "a"); }
  EXPECT_EQ(log, (Log{"adapter a", "library a"}));
}

TEST(AdapterHandle, MoveAssignmentDestroysTheOldAdapterBeforeItsLibrary) {
  Log log;
  AdapterHandle a = watched_handle(log, "a");
  AdapterHandle b = watched_handle(log, "b");
  a = std::move(b);
  EXPECT_EQ(log, (Log{"adapter a", "library a"}));
  EXPECT_EQ(a.info().name, "b");
  EXPECT_EQ(a.adapter().manifest().name, "watched");
}

TEST(AdapterHandle, MoveAssignmentToItselfKeepsTheAdapter) {
  Log log;
  AdapterHandle a = watched_handle(log, "a");
  AdapterHandle& same = a;
  a = std::move(same);
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(a.info().name, "a");
}

}  // namespace
}  // namespace tradehost::registry
