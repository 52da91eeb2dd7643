#pragma once
// UTF-8 well-formedness (RFC 3629) for the text fields of the card: no overlong forms, no surrogates, nothing
// above U+10FFFF.
#include <string_view>

namespace precinct::identity {

bool IsValidUtf8(std::string_view text);

}  // namespace precinct::identity
