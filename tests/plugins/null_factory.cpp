// Refused: the factory returns no adapter.
#include <cstdint>
#include <memory>

#include <boost/dll/alias.hpp>

#include <tradehost/sdk/adapter.hpp>

namespace th_null {
std::uint32_t abi_version() { return tradehost::sdk::kAbiVersion; }
std::unique_ptr<tradehost::sdk::Adapter> create_adapter() { return nullptr; }
}  // namespace th_null

BOOST_DLL_ALIAS(th_null::abi_version, tradehost_abi_version)
BOOST_DLL_ALIAS(th_null::create_adapter, tradehost_create_adapter)
