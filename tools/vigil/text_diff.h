#pragma once
// A small line diff for showing what a change does to the CIB (--dry-run).
#include <string>

namespace vigil {

// Lines only in `before` prefixed "- ", only in `after` "+ ", with up to
// `context` unchanged lines around each change ("  "); "" when equal.
std::string line_diff(const std::string& before, const std::string& after, int context = 2);

}  // namespace vigil
