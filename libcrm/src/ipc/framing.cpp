// Length-prefixed framing of the CLI<->daemon protocol (see protocol.h).
#include <fmt/format.h>

#include "crm/ipc/protocol.h"

namespace crm::ipc {

std::string socket_path(const char* env_value) {
    if (env_value != nullptr && *env_value != '\0')
        return env_value;
    return std::string(default_socket_path);
}

std::string frame(std::string_view document) {
    std::string out;
    out.reserve(document.size() + 4);
    const auto n = static_cast<std::uint32_t>(document.size());
    out += static_cast<char>((n >> 24) & 0xff);
    out += static_cast<char>((n >> 16) & 0xff);
    out += static_cast<char>((n >> 8) & 0xff);
    out += static_cast<char>(n & 0xff);
    out += document;
    return out;
}

void FrameReader::feed(std::string_view bytes) {
    // Drop consumed bytes before growing, so a long-lived connection does
    // not accumulate every message it ever received.
    if (start_ > 0 && start_ == buffer_.size()) {
        buffer_.clear();
        start_ = 0;
    } else if (start_ > (1u << 16) && start_ * 2 > buffer_.size()) {
        buffer_.erase(0, start_);
        start_ = 0;
    }
    buffer_.append(bytes);
}

Result<std::optional<std::string>> FrameReader::next() {
    if (pending() < 4)
        return std::optional<std::string>{};
    const auto* p = reinterpret_cast<const unsigned char*>(buffer_.data() + start_);
    const std::size_t n = (std::size_t{p[0]} << 24) | (std::size_t{p[1]} << 16) |
                          (std::size_t{p[2]} << 8) | std::size_t{p[3]};
    if (n == 0)
        return Error{"frame: empty message (length 0)"};
    if (n > limit_) {
        return Error{
            fmt::format("frame: message of {} bytes exceeds the limit of {} bytes", n, limit_)};
    }
    if (pending() < 4 + n)
        return std::optional<std::string>{};
    std::string doc = buffer_.substr(start_ + 4, n);
    start_ += 4 + n;
    return std::optional<std::string>{std::move(doc)};
}

}  // namespace crm::ipc
