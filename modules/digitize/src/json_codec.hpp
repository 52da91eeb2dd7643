#pragma once
// JSON forms of the module's records: the API's documents, pages and search results, the live progress event, and
// the page layout kept in the database (words with boxes, lines with baselines) from which the PDF is rebuilt.
#include "core/json.hpp"
#include "core/result.hpp"
#include "service.hpp"

namespace precinct::digitize {

Json DocumentJson(const Document& d);
Json ProgressJson(const Document& d);
Json PageDetailJson(const PageDetail& p);
Json SearchResultsJson(const SearchResults& r, const SearchRequest& req);
Json DocTypesJson();
Json FieldsJson(const DocFields& fields);
// The result JSON of `precinct ocr` and of the service's result.json: the document, its fields, every page.
Json ResultJson(const DocumentSummary& summary, const std::vector<const PageResult*>& pages);

// Compact layout: {"w":..,"h":..,"dpi":..,"lines":[[x,y,w,h,baseline,slope,paragraph],...],
// "words":[[x,y,w,h,conf,line,"text"],...]}.
Json LayoutJson(const PageOcr& ocr);
Result<PageOcr> LayoutFromJson(const std::string& text);

}  // namespace precinct::digitize
