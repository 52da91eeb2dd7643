#pragma once
// The reports module's database schema.
#include <vector>

#include "storage/database.hpp"

namespace precinct::reports {

const std::vector<storage::Migration>& Migrations();

}  // namespace precinct::reports
