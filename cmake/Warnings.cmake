# First-party targets link specmesh_warnings PRIVATE; third-party code is never warned about.
add_library(specmesh_warnings INTERFACE)
target_compile_options(specmesh_warnings INTERFACE -Wall -Wextra -Wpedantic -Wconversion
                                                   -Wsign-conversion -Wshadow
                                                   # C++20 designated initializers omit fields on purpose
                                                   -Wno-missing-field-initializers)
if(SPECMESH_WERROR)
  target_compile_options(specmesh_warnings INTERFACE -Werror)
endif()
