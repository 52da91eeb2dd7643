#pragma once
// The dispatch module's database schema.
#include <vector>

#include "storage/database.hpp"

namespace precinct::dispatch {

const std::vector<storage::Migration>& Migrations();

}  // namespace precinct::dispatch
