# Installs specmesh's libraries and headers with a CMake package, so that other projects can
#   find_package(specmesh REQUIRED)
#   target_link_libraries(my_tests PRIVATE specmesh::testing)
# (specmesh::testing pulls in apply, plan, kafka, registry, … and their Debian dependencies).
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

# The libraries a consumer can link, under the names specmesh::<name>. specmesh_warnings is
# exported only because the static libraries name it (link-only, no flags reach consumers).
set(SPECMESH_EXPORTED_LIBRARIES core spec schema plan metrics kafka http registry apply)
set(specmesh_export_targets specmesh_warnings specmesh_fakes specmesh_testing)
foreach(name IN LISTS SPECMESH_EXPORTED_LIBRARIES)
  list(APPEND specmesh_export_targets specmesh_${name})
  set_target_properties(specmesh_${name} PROPERTIES EXPORT_NAME ${name})
  # src/CMakeLists.txt names the source tree's include dir; installed, it is <prefix>/include.
  set_property(TARGET specmesh_${name}
               PROPERTY INTERFACE_INCLUDE_DIRECTORIES
                        $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
                        $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
endforeach()
set_target_properties(specmesh_fakes PROPERTIES EXPORT_NAME fakes)
set_property(TARGET specmesh_fakes
             PROPERTY INTERFACE_INCLUDE_DIRECTORIES
                      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/testing/include>
                      $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

install(TARGETS ${specmesh_export_targets}
        EXPORT specmeshTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/specmesh ${PROJECT_SOURCE_DIR}/testing/include/specmesh
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(specmesh_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/specmesh)
install(EXPORT specmeshTargets NAMESPACE specmesh:: DESTINATION ${specmesh_cmake_dir})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/specmeshConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/specmeshConfig.cmake
                              INSTALL_DESTINATION ${specmesh_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/specmeshConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/specmeshConfig.cmake
              ${PROJECT_BINARY_DIR}/specmeshConfigVersion.cmake
        DESTINATION ${specmesh_cmake_dir})

# Proof that it works: install into a temporary prefix, then configure and build a tiny
# consumer project with find_package(specmesh) + specmesh::testing.
if(SPECMESH_BUILD_TESTS)
  add_test(NAME install.find_package
           COMMAND ${PROJECT_SOURCE_DIR}/tests/install/check_install.sh ${PROJECT_BINARY_DIR}
                   ${CMAKE_COMMAND} ${CMAKE_CXX_COMPILER})
  set_tests_properties(install.find_package PROPERTIES LABELS install TIMEOUT 300)
endif()
