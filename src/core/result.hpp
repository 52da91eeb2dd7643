#pragma once
// Errors travel as values: every fallible operation returns Result<T>.
#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace precinct {

enum class ErrorCode {
    kInvalidArgument,
    kNotFound,
    kConflict,
    kUnauthenticated,
    kForbidden,
    kTooLarge,
    kRateLimited,
    kUnavailable,
    kInternal,
};

// A failure the caller can act on. `message` is for the client (except kInternal, whose message goes only to
// the log); `field` names the one input at fault, if any; `retry_after_s` goes with kRateLimited/kUnavailable.
struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;
    std::string field;
    int retry_after_s = 0;
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message, std::string field = {}) {
    return tl::unexpected<Error>(Error{code, std::move(message), std::move(field), 0});
}

inline tl::unexpected<Error> Fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

inline Status Ok() { return {}; }

std::string_view ErrorCodeName(ErrorCode code);

}  // namespace precinct
