#pragma once
// A value or an error message with context. libcrm reports problems as
// values so callers (CLI, daemon, tests) decide how to present them.
#include <string>
#include <utility>
#include <variant>

namespace crm {

struct Error {
    std::string message;
};

template <typename T>
class Result {
  public:
    Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
    Result(Error error) : v_(std::move(error)) {}  // NOLINT

    bool ok() const { return std::holds_alternative<T>(v_); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(v_); }
    T& value() & { return std::get<T>(v_); }
    T&& value() && { return std::get<T>(std::move(v_)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    const std::string& error() const { return std::get<Error>(v_).message; }

  private:
    std::variant<T, Error> v_;
};

// For operations that return nothing but can fail.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() {
    return Ok{};
}

}  // namespace crm
