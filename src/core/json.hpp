#pragma once
// The one JSON type of the project. Domain structs do not include this; codecs and routes do.
#include <nlohmann/json.hpp>

namespace precinct {
using Json = nlohmann::json;
}
