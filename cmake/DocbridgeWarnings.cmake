# Warnings are bugs: every target in the project gets these flags.
add_compile_options(-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
                    -Wformat=2 -Wno-unused-parameter)
if(DOCBRIDGE_WERROR)
  add_compile_options(-Werror)
endif()
if(DOCBRIDGE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
# Fuzzing (tests/fuzz): every target gets libFuzzer's coverage counters, so the fuzzer is
# guided by what the plugins and the core do, not only by the harness.
if(DOCBRIDGE_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
