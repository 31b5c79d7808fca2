#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/Error.hpp"

namespace harmony {

// A value or an Error, for outcomes a caller is expected to handle (std::expected is C++23).
// Accessing the wrong alternative is a programming error and asserts.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : m_state(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return m_state.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(m_state);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(m_state);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(m_state));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(m_state);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(m_state));
  }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> m_state;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_ok(false) {}  // NOLINT: implicit by design

  bool ok() const noexcept { return m_ok; }
  explicit operator bool() const noexcept { return m_ok; }
  const Error& error() const& {
    assert(!m_ok);
    return m_error;
  }
  Error&& error() && {
    assert(!m_ok);
    return std::move(m_error);
  }

 private:
  Error m_error;
  bool m_ok = true;
};

inline Error make_error(ErrorKind kind, std::string message, int native_code = 0) {
  return Error{kind, std::move(message), native_code};
}

}  // namespace harmony

// In a function returning Result<...> (or Error): evaluates `expr` (a Result<T>); on failure
// returns its error from the enclosing function, else moves the value into `target`.
#define HARMONY_TRY_ASSIGN(target, expr)      \
  do {                                        \
    auto harmony_try_ = (expr);               \
    if (!harmony_try_) {                      \
      return std::move(harmony_try_).error(); \
    }                                         \
    (target) = std::move(*harmony_try_);      \
  } while (false)
