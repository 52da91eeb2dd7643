#pragma once
// JSON forms of reports (docs: the module README): the officers' summary and detail, the citizen's view, Open311
// service requests, statistics.
#include "catalogue.hpp"
#include "core/json.hpp"
#include "deadlines.hpp"

namespace precinct::reports {

struct Report;
struct ReportStats;

Json CategoryJson(const Category& c);
Json DeadlineJson(const DeadlineRule& d);
Json ReportSummaryJson(const Report& r, DueState due);
// The officers' detail: contact included (the route asks for a purpose and audits the read).
Json ReportDetailJson(const Report& r, DueState due);
// The citizen's view after a lookup: status, public history and replies; no contact, no internal notes.
Json CitizenViewJson(const Report& r, const Catalogue& catalogue);
// One Open311 GeoReport v2 service request.
Json Open311RequestJson(const Report& r, const Catalogue& catalogue, std::string_view agency);
Json StatsJson(const ReportStats& s);

}  // namespace precinct::reports
