#pragma once
// JSON forms of the dispatch module's objects (docs: the module README) and strict decoding of request bodies:
// unknown keys and bad values are refused with the field named.
#include "core/json.hpp"
#include "core/result.hpp"
#include "service.hpp"

namespace precinct::dispatch {

Json LocationJson(const Location& loc, bool with_personal);
// `with_personal` false drops the caller number and the AML device identifiers (for live events).
Json CallJson(const Call& call, bool with_personal);
Json IncidentJson(const Incident& incident);
Json IncidentEventJson(const IncidentEvent& event);
Json AssignmentJson(const Assignment& a);
Json UnitJson(const Unit& unit);
Json DuplicateJson(const DuplicateCandidate& d, const Incident& incident);
Json RecommendationJson(const RankedUnit& r);
Json StatsJson(const Stats& stats);
Json TaxonomyJson();

// Vietnamese and international numbers in E.164: '+', country code, 7..15 digits in all. Numbers under +84
// are checked against the national plan (10-digit mobiles 3/5/7/8/9x, 02x fixed lines).
Status CheckCallerNumber(std::string_view number);

Result<NewCall> DecodeNewCall(const Json& body, TimePoint now);
Result<NewUnit> DecodeNewUnit(const Json& body);
Result<PositionFix> DecodeFix(const Json& body, std::int64_t unit_id, const std::string& prefix, TimePoint now);

}  // namespace precinct::dispatch
