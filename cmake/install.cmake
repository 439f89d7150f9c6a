# `cmake --install build --prefix P`: the host and exchange-sim in P/bin, the bundled plugins in
# P/lib/tradehost/plugins (where the installed host finds them with no flags), the SDK and the
# conformance kit in P/include and P/lib, and find_package(TradehostSDK) in
# P/lib/cmake/TradehostSDK. `cmake --build build --target package` makes a Debian package (CPack).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

file(STRINGS "${PROJECT_SOURCE_DIR}/sdk/include/tradehost/sdk/abi.hpp" _abi_line
     REGEX "inline constexpr std::uint32_t kAbiVersion = [0-9]+;")
string(REGEX REPLACE ".*= ([0-9]+);.*" "\\1" TRADEHOST_ABI_VERSION "${_abi_line}")

install(TARGETS tradehost exchange-sim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(TARGETS tradehost_plugin_binance tradehost_plugin_bingx tradehost_plugin_kucoinfutures
        LIBRARY DESTINATION lib/tradehost/plugins COMPONENT runtime)
install(DIRECTORY config/ DESTINATION ${CMAKE_INSTALL_DATADIR}/tradehost/config COMPONENT runtime)
install(FILES docs/operator-guide.md docs/adapter-guide.md docs/exchange-sim.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        COMPONENT runtime)

install(DIRECTORY sdk/include/ conformance/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT sdk)
install(TARGETS tradehost_sdk tradehost_conformance EXPORT TradehostSDKTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sdk)
set(_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/TradehostSDK)
install(EXPORT TradehostSDKTargets NAMESPACE tradehost:: DESTINATION ${_cmake_dir} COMPONENT sdk)
configure_package_config_file(cmake/TradehostSDKConfig.cmake.in
  "${PROJECT_BINARY_DIR}/TradehostSDKConfig.cmake" INSTALL_DESTINATION ${_cmake_dir})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/TradehostSDKConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/TradehostSDKConfig.cmake" "${PROJECT_BINARY_DIR}/TradehostSDKConfigVersion.cmake"
        cmake/TradehostSDKAdapter.cmake cmake/plugin_exports.map DESTINATION ${_cmake_dir} COMPONENT sdk)
install(DIRECTORY examples/adapter-template DESTINATION ${CMAKE_INSTALL_DATADIR}/tradehost/examples COMPONENT sdk
        PATTERN "build" EXCLUDE)

# Debian package: one .deb with the host, the plugins, the SDK and the kit.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "tradehost")
set(CPACK_PACKAGE_VENDOR "tradehost")
set(CPACK_PACKAGE_CONTACT "tradehost maintainers <maintainers@tradehost.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Host for trading crypto perpetual futures with drop-in exchange adapters")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libboost1.81-dev, nlohmann-json3-dev")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
include(CPack)
