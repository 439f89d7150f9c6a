// Refused: built for another ABI version (TEST_ABI_VERSION is set by CMake: older and newer).
#include <cstdint>
#include <memory>

#include <boost/dll/alias.hpp>

#include "test_adapter.hpp"

namespace tradehost::test_plugin {
constexpr sdk::Manifest kManifest = manifest_named("wrongabi", 10);
using Adapter = TestAdapter<kManifest>;
std::uint32_t abi_version() { return TEST_ABI_VERSION; }
// Never called: the host must refuse before it touches the factory.
std::unique_ptr<sdk::Adapter> create_adapter() { std::abort(); }
}  // namespace tradehost::test_plugin

BOOST_DLL_ALIAS(tradehost::test_plugin::abi_version, tradehost_abi_version)
BOOST_DLL_ALIAS(tradehost::test_plugin::create_adapter, tradehost_create_adapter)
