#include "common/status.h"

#include <string>

namespace confidant {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kCancelled:
      return "CANCELLED";
    case StatusCode::kUnknown:
      return "UNKNOWN";
    case StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case StatusCode::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case StatusCode::kNotFound:
      return "NOT_FOUND";
    case StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case StatusCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case StatusCode::kAborted:
      return "ABORTED";
    case StatusCode::kOutOfRange:
      return "OUT_OF_RANGE";
    case StatusCode::kUnimplemented:
      return "UNIMPLEMENTED";
    case StatusCode::kInternal:
      return "INTERNAL";
    case StatusCode::kUnavailable:
      return "UNAVAILABLE";
    case StatusCode::kDataLoss:
      return "DATA_LOSS";
    case StatusCode::kUnauthenticated:
      return "UNAUTHENTICATED";
  }
  return "UNKNOWN_CODE";
}

Status::Status(StatusCode code, std::string_view message) {
  if (code != StatusCode::kOk) rep_ = std::make_unique<Rep>(Rep{code, std::string(message)});
}

Status::Status(const Status& other)
    : rep_(other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) rep_ = other.rep_ ? std::make_unique<Rep>(*other.rep_) : nullptr;
  return *this;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code()));
  out += ": ";
  out += message();
  return out;
}

Status Status::WithContext(std::string_view context) const& {
  return Status(*this).WithContext(context);
}

Status Status::WithContext(std::string_view context) && {
  if (ok()) return std::move(*this);
  std::string message(context);
  message += ": ";
  message += rep_->message;
  rep_->message = std::move(message);
  return std::move(*this);
}

std::ostream& operator<<(std::ostream& os, const Status& status) { return os << status.ToString(); }

#define CONFIDANT_DEFINE_ERROR(Name, Code) \
  Status Name(std::string_view message) { return Status(StatusCode::Code, message); }

CONFIDANT_DEFINE_ERROR(CancelledError, kCancelled)
CONFIDANT_DEFINE_ERROR(UnknownError, kUnknown)
CONFIDANT_DEFINE_ERROR(InvalidArgumentError, kInvalidArgument)
CONFIDANT_DEFINE_ERROR(DeadlineExceededError, kDeadlineExceeded)
CONFIDANT_DEFINE_ERROR(NotFoundError, kNotFound)
CONFIDANT_DEFINE_ERROR(AlreadyExistsError, kAlreadyExists)
CONFIDANT_DEFINE_ERROR(PermissionDeniedError, kPermissionDenied)
CONFIDANT_DEFINE_ERROR(ResourceExhaustedError, kResourceExhausted)
CONFIDANT_DEFINE_ERROR(FailedPreconditionError, kFailedPrecondition)
CONFIDANT_DEFINE_ERROR(AbortedError, kAborted)
CONFIDANT_DEFINE_ERROR(OutOfRangeError, kOutOfRange)
CONFIDANT_DEFINE_ERROR(UnimplementedError, kUnimplemented)
CONFIDANT_DEFINE_ERROR(InternalError, kInternal)
CONFIDANT_DEFINE_ERROR(UnavailableError, kUnavailable)
CONFIDANT_DEFINE_ERROR(DataLossError, kDataLoss)
CONFIDANT_DEFINE_ERROR(UnauthenticatedError, kUnauthenticated)

#undef CONFIDANT_DEFINE_ERROR

}  // namespace confidant
