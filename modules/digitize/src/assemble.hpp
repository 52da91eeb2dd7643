#pragma once
// Text of OCRed pages: words in reading order joined by single spaces, lines by '\n', paragraphs by an empty line;
// pages of a document by a form feed, as pdftotext and Tesseract write them.
#include <string>
#include <string_view>
#include <vector>

#include "engine.hpp"

namespace precinct::digitize {

std::string PageText(const PageOcr& page);
// The page's text for field extraction. The header of an administrative document has two columns (issuer and number
// on the left; the national motto, place and date on the right) that Tesseract may read as one line, even mixing two
// rows of the left column into the motto's row. In the top third of the page, a line with a wide gap (at least 2.5 % of
// the page width, between 20 % and 80 % of it) is cut there; the words on either side of the cut are grouped into
// rows by their height on the page, and the left column's rows come first, then the right's, then the other lines.
std::string FieldsText(const PageOcr& page);
// Pages joined by '\f'; blank or failed pages are empty strings and keep their place.
std::string DocumentText(const std::vector<std::string>& pages);
// Mean word confidence weighted by each word's characters (0..100); -1 for a page without words.
double MeanConfidence(const PageOcr& page);
// UTF-8 to UTF-32; invalid bytes become U+FFFD.
std::u32string DecodeUtf8(std::string_view utf8);

}  // namespace precinct::digitize
