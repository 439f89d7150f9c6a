// Refused: exports its ABI version but no factory.
#include <cstdint>

#include <boost/dll/alias.hpp>

#include <tradehost/sdk/abi.hpp>

namespace th_no_factory {
std::uint32_t abi_version() { return tradehost::sdk::kAbiVersion; }
}  // namespace th_no_factory

BOOST_DLL_ALIAS(th_no_factory::abi_version, tradehost_abi_version)
