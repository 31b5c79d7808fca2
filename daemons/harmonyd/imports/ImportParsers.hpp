#pragma once

#include <string_view>

#include "core/Result.hpp"
#include "imports/ImportLine.hpp"

namespace harmony::harmonyd::imports {

// Pure parsers of what people paste or upload to import. Each line (or CSV row) becomes an
// ImportLine: understood, or invalid with a reason naming what was wrong. A whole input fails
// only when it cannot be read at all: more than k_max_lines lines, a
// binary file (NUL bytes), or a CSV header without artist and title columns; all are
// ErrorKind::invalid with a message naming the problem (and the columns a header had).

// Pasted text: `Artist - Title`, `Artist - Title (Album)`, Spotify track/album/playlist links
// and `spotify:` URIs; blank lines and lines starting with '#' are skipped.
Result<ParsedImport> parse_text(std::string_view text);
// CSV with a header naming artist, title and optionally album, isrc, duration (m:ss, h:mm:ss
// or seconds) or duration_ms, in any order and any case; RFC 4180 quoting, CRLF, a BOM.
Result<ParsedImport> parse_csv(std::string_view text);
// M3U/M3U8: `#EXTINF:<seconds>,Artist - Title` before each entry; an entry without one is read
// from its file name (`Artist - Title.ext`) or as a Spotify link.
Result<ParsedImport> parse_m3u(std::string_view text);

// Picks the parser: by the file name's extension when there is one (.csv, .m3u, .m3u8,
// .txt), else by content (#EXTM3U / #EXTINF first, a header line with artist and title).
Result<ParsedImport> parse_import(std::string_view text, std::string_view file_name = {});

// One pasted line (not blank, not a comment) as an ImportLine numbered `number`.
ImportLine parse_line(std::string_view line, std::size_t number);

}  // namespace harmony::harmonyd::imports
