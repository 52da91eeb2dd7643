// Answer JSON.
#include "json_codec.hpp"

#include <cmath>

namespace precinct::assistant {

Json TurnJson(const Turn& t, const std::string& conversation_id, std::int64_t seq, const ConversationState& state) {
    const bool en = state.lang == Lang::kEn;
    Json citations = Json::array();
    for (const Citation& c : t.citations) {
        citations.push_back(Json{{"title", c.title}, {"reference", c.reference}, {"unconfirmed", c.unconfirmed}});
    }
    Json facets = Json::array();
    for (Facet f : t.facets) facets.push_back(std::string(FacetCode(f)));
    return Json{{"conversation_id", conversation_id},
                {"seq", seq},
                {"kind", t.kind},
                {"lang", LangCode(state.lang)},
                {"reply", t.reply},
                {"procedure", t.entry ? Json{{"id", t.entry->id}, {"title", t.entry->Title(en)}} : Json(nullptr)},
                {"facets", facets},
                {"citations", citations},
                {"unconfirmed", t.unconfirmed},
                {"checked", t.entry ? Json(t.entry->checked) : Json(nullptr)},
                {"confidence", std::round(t.confidence * 1000) / 1000},
                {"handoff", t.handoff},
                {"handoff_state", HandoffCode(state.handoff)},
                {"suggestions", t.suggestions},
                {"report", t.report},
                {"emergency", t.emergency}};
}

}  // namespace precinct::assistant
