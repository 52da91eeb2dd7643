#pragma once
// Open311 GeoReport v2 over the reports service: services, filing and reading service requests, with the
// standard's field names and its error form ([{"code", "description"}]). JSON only.
#include "precinct/reports/module.hpp"
#include "server/router.hpp"
#include "service.hpp"

namespace precinct::reports {

void RegisterOpen311(server::Router& router, ReportsService& svc, const Settings& settings);

}  // namespace precinct::reports
