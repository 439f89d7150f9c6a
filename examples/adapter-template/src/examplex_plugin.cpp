// The plugin: the two exports the host looks for (ABI version first, then the factory).
#include <tradehost/sdk/plugin_export.hpp>

#include "examplex_adapter.hpp"

TRADEHOST_EXPORT_ADAPTER(examplex::ExamplexAdapter)
