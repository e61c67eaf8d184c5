// Status: the one error type of Confidant (STYLE.md 3), public because host and enclave APIs
// return it.
//
// A Status is either OK or carries a code and a message saying what was wrong with the input and
// where ("quote: certification data size 4096 exceeds remaining 1210 bytes"). Codes follow Abseil's
// canonical set so services can map them to HTTP status codes in one place.
//
// Thread-safety: a Status is a value; const methods are safe to call concurrently.

#ifndef CONFIDANT_STATUS_H_
#define CONFIDANT_STATUS_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace confidant {

enum class StatusCode : int {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

// "INVALID_ARGUMENT", "NOT_FOUND", ...; "UNKNOWN_CODE" for values outside the enum.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // OK. Cheap: an OK status allocates nothing.
  Status() = default;
  // A status with `code` and `message`. A kOk code ignores the message and yields OK.
  Status(StatusCode code, std::string_view message);

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  // Empty for OK.
  std::string_view message() const { return rep_ ? std::string_view(rep_->message) : ""; }

  // "OK" or "INVALID_ARGUMENT: message".
  std::string ToString() const;

  // Returns this status with "context: " prepended to the message; OK stays OK. Used to name the
  // layer or field an error came through: `status.WithContext("tcb info")`.
  Status WithContext(std::string_view context) const&;
  Status WithContext(std::string_view context) &&;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code() == b.code() && a.message() == b.message();
  }

 private:
  struct Rep {
    StatusCode code;
    std::string message;
  };
  std::unique_ptr<Rep> rep_;
};

inline Status OkStatus() { return Status(); }

std::ostream& operator<<(std::ostream& os, const Status& status);

// Constructors for each non-OK code.
Status CancelledError(std::string_view message);
Status UnknownError(std::string_view message);
Status InvalidArgumentError(std::string_view message);
Status DeadlineExceededError(std::string_view message);
Status NotFoundError(std::string_view message);
Status AlreadyExistsError(std::string_view message);
Status PermissionDeniedError(std::string_view message);
Status ResourceExhaustedError(std::string_view message);
Status FailedPreconditionError(std::string_view message);
Status AbortedError(std::string_view message);
Status OutOfRangeError(std::string_view message);
Status UnimplementedError(std::string_view message);
Status InternalError(std::string_view message);
Status UnavailableError(std::string_view message);
Status DataLossError(std::string_view message);
Status UnauthenticatedError(std::string_view message);

}  // namespace confidant

#endif  // CONFIDANT_STATUS_H_
