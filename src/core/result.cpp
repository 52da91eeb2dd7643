#include "core/result.hpp"

namespace precinct {

std::string_view ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument: return "invalid-argument";
        case ErrorCode::kNotFound: return "not-found";
        case ErrorCode::kConflict: return "conflict";
        case ErrorCode::kUnauthenticated: return "unauthenticated";
        case ErrorCode::kForbidden: return "forbidden";
        case ErrorCode::kTooLarge: return "too-large";
        case ErrorCode::kRateLimited: return "rate-limited";
        case ErrorCode::kUnavailable: return "unavailable";
        case ErrorCode::kInternal: return "internal";
    }
    return "internal";
}

}  // namespace precinct
