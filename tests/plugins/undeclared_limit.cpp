// A well-formed plugin that declares no stream limit: the host must give it 10.
#include <tradehost/sdk/plugin_export.hpp>

#include "test_adapter.hpp"

namespace tradehost::test_plugin {
constexpr sdk::Manifest kManifest = manifest_named("testvenue", sdk::kUndeclaredStreamLimit);
using Adapter = TestAdapter<kManifest>;
}  // namespace tradehost::test_plugin

TRADEHOST_EXPORT_ADAPTER(tradehost::test_plugin::Adapter)
