# Writes the build's identity (elicit's version, the git commit of the sources and
# the build type) into a header for `elicit --version` and the results' manifests.
# Run at every build by the elicit_build_identity target; configure_file rewrites
# the header only when its text changes, so an unchanged commit rebuilds nothing.
#   cmake -DSOURCE_DIR=... -DTEMPLATE=... -DOUTPUT=... -DVERSION=... -DBUILD_TYPE=... -P build_identity.cmake
set(ELICIT_GIT_COMMIT "unknown")
find_program(GIT_EXECUTABLE git)
if(GIT_EXECUTABLE)
  execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} rev-parse HEAD
                  OUTPUT_VARIABLE commit RESULT_VARIABLE status
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(status EQUAL 0 AND commit)
    set(ELICIT_GIT_COMMIT "${commit}")
    # Tracked files that differ from the commit make the build "-dirty": its results
    # cannot be reproduced from the commit alone.
    execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} status --porcelain
                            --untracked-files=no
                    OUTPUT_VARIABLE changes RESULT_VARIABLE status ERROR_QUIET)
    if(status EQUAL 0 AND NOT changes STREQUAL "")
      string(APPEND ELICIT_GIT_COMMIT "-dirty")
    endif()
  endif()
endif()
set(ELICIT_VERSION "${VERSION}")
set(ELICIT_BUILD_TYPE "${BUILD_TYPE}")
if(NOT ELICIT_BUILD_TYPE)
  set(ELICIT_BUILD_TYPE "none")
endif()
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
