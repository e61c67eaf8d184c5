// Result<T>: a T or a non-OK Status (Abseil's StatusOr), plus the propagation macros
// RETURN_IF_ERROR and ASSIGN_OR_RETURN.
//
//   Result<ParsedQuote> ParseQuote(ByteSpan bytes);
//   ASSIGN_OR_RETURN(ParsedQuote quote, ParseQuote(bytes));
//   RETURN_IF_ERROR(VerifySignature(quote));
//
// Accessing the value of a failed Result is a programming error: it prints the status and aborts.
// Thread-safety: like T.

#ifndef CONFIDANT_COMMON_RESULT_H_
#define CONFIDANT_COMMON_RESULT_H_

#include <concepts>
#include <type_traits>
#include <utility>
#include <variant>

#include "common/status.h"

namespace confidant {
namespace internal {
[[noreturn]] void DieOnBadResultAccess(const Status& status);
[[noreturn]] void DieOnOkStatusInResult();
}  // namespace internal

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::remove_cvref_t<T>, Status>, "Result<Status> is not allowed");

 public:
  using value_type = T;

  // A failed Result. REQUIRES: !status.ok() (an OK status aborts: it would carry no value).
  Result(const Status& status) : rep_(status) {
    CheckNotOk();
  }  // NOLINT(google-explicit-constructor)
  Result(Status&& status) : rep_(std::move(status)) { CheckNotOk(); }  // NOLINT

  // A successful Result holding a value convertible to T.
  template <typename U = T>
  requires(std::constructible_from<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, Result> &&
           !std::is_same_v<std::remove_cvref_t<U>, Status>)
      Result(U&& value)  // NOLINT(google-explicit-constructor)
      : rep_(std::in_place_index<1>, std::forward<U>(value)) {}

  // Converts Result<U> to Result<T> where U converts to T (e.g. unique_ptr<Derived> to <Base>).
  template <typename U>
  requires(!std::is_same_v<U, T> && std::constructible_from<T, U&&>)
      Result(Result<U>&& other)  // NOLINT(google-explicit-constructor)
      : rep_(other.ok() ? Rep(std::in_place_index<1>, std::move(other).value())
                        : Rep(std::in_place_index<0>, std::move(other).status())) {}

  bool ok() const { return rep_.index() == 1; }

  // OK when ok(), else the error.
  const Status& status() const& { return ok() ? OkRef() : std::get<0>(rep_); }
  Status status() && { return ok() ? Status() : std::get<0>(std::move(rep_)); }

  // REQUIRES: ok().
  const T& value() const& {
    CheckOk();
    return std::get<1>(rep_);
  }
  T& value() & {
    CheckOk();
    return std::get<1>(rep_);
  }
  T&& value() && {
    CheckOk();
    return std::get<1>(std::move(rep_));
  }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<1>(rep_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  using Rep = std::variant<Status, T>;

  static const Status& OkRef() {
    static const Status kOk;
    return kOk;
  }
  void CheckNotOk() const {
    if (std::get<0>(rep_).ok()) internal::DieOnOkStatusInResult();
  }
  void CheckOk() const {
    if (!ok()) internal::DieOnBadResultAccess(std::get<0>(rep_));
  }

  Rep rep_;
};

namespace internal {
inline const Status& GetStatus(const Status& status) { return status; }
inline Status GetStatus(Status&& status) { return std::move(status); }
template <typename T>
const Status& GetStatus(const Result<T>& result) {
  return result.status();
}
template <typename T>
Status GetStatus(Result<T>&& result) {
  return std::move(result).status();
}
}  // namespace internal

}  // namespace confidant

#define CONFIDANT_CONCAT_INNER_(a, b) a##b
#define CONFIDANT_CONCAT_(a, b) CONFIDANT_CONCAT_INNER_(a, b)

// Evaluates `expr` (a Status or Result<T>) and returns its status from the enclosing function if it
// is not OK.
#define RETURN_IF_ERROR(expr)                                                       \
  do {                                                                              \
    ::confidant::Status confidant_status_ = ::confidant::internal::GetStatus(expr); \
    if (!confidant_status_.ok()) return confidant_status_;                          \
  } while (false)

// Evaluates `expr` (a Result<T>); on error returns its status from the enclosing function,
// otherwise move-assigns the value to `lhs` (which may declare a variable: `auto key`).
#define ASSIGN_OR_RETURN(lhs, expr) \
  CONFIDANT_ASSIGN_OR_RETURN_IMPL_(CONFIDANT_CONCAT_(confidant_result_, __LINE__), lhs, expr)

#define CONFIDANT_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                     \
  if (!result.ok()) return std::move(result).status();      \
  lhs = std::move(result).value()

#endif  // CONFIDANT_COMMON_RESULT_H_
