#pragma once
// What the fuzz targets use to report a broken invariant: print what broke
// and abort, which libFuzzer records as a crash with the input saved.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace vigil_fuzz {

inline void require(bool condition, std::string_view what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()),
                     what.data());
        std::abort();
    }
}

}  // namespace vigil_fuzz
