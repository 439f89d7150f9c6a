// TRADEHOST_EXPORT_ADAPTER(Type): the two exports of a plugin, in one line of its plugin.cpp.
//
// Exports exactly `tradehost_abi_version` (returns the kAbiVersion this plugin was compiled
// against) and `tradehost_create_adapter` (returns a new Type). Build plugins with
// -fvisibility=hidden so that nothing else is exported. Include this header in one file only.
#pragma once

#include <cstdint>
#include <memory>

#include <boost/dll/alias.hpp>

#include <tradehost/sdk/abi.hpp>
#include <tradehost/sdk/adapter.hpp>

#define TRADEHOST_EXPORT_ADAPTER(Type)                                                   \
  namespace tradehost_plugin_exports {                                                   \
  std::uint32_t abi_version() { return ::tradehost::sdk::kAbiVersion; }         \
  std::unique_ptr<::tradehost::sdk::Adapter> create_adapter() {                 \
    try {                                                                                \
      return std::make_unique<Type>();                                                   \
    } catch (...) {                                                                      \
      return nullptr; /* the host refuses a plugin whose factory yields nothing */       \
    }                                                                                    \
  }                                                                                      \
  }                                                                                      \
  BOOST_DLL_ALIAS(tradehost_plugin_exports::abi_version, tradehost_abi_version)          \
  BOOST_DLL_ALIAS(tradehost_plugin_exports::create_adapter, tradehost_create_adapter)
