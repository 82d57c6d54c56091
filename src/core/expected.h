// Errors cross module boundaries as values. Expected<T> holds either a T or an Error that
// already names where the problem is (file:line:column or URL), ready for one line on stderr.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace od {

struct Error {
  std::string where;    // "config.yaml:12:5", a URL, or empty
  std::string message;  // one line, no trailing period needed
  std::string str() const { return where.empty() ? message : where + ": " + message; }
};

template <class T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  Expected(Error error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace od
