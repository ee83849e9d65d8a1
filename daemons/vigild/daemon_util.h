#pragma once
// Small helpers shared by the files that make up the Daemon class.
#include <qb/qblog.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace vigild {

inline std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline std::int64_t wall_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

inline std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

inline void log_line(int priority, const std::string& line) {
    qb_log(priority, "%s", line.c_str());
}

}  // namespace vigild
