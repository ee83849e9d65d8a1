#pragma once
// Splits crm configure text into statements and tokens. A statement is one
// logical line: physical lines joined where a line ends in a backslash.
// Tokens keep where they started so the parser can point at them.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "crm/common/result.h"

namespace crm::syntax {

struct Token {
    std::string text;                    // with quotes removed and escapes resolved
    std::string raw;                     // as written (for `xml` statements)
    int line = 0;                        // 1-based, of the token's first character
    int column = 0;                      // 1-based
    bool quoted = false;                 // some part of it was in quotes
    std::size_t eq = std::string::npos;  // index in `text` of the first '=' outside quotes

    bool is_assignment() const { return eq != std::string::npos; }
    std::string name() const { return text.substr(0, eq); }    // of name=value
    std::string value() const { return text.substr(eq + 1); }  // of name=value
    // A bare word that is `word` (quoted tokens are never keywords).
    bool is(std::string_view word) const { return !quoted && text == word; }
};

struct Statement {
    std::vector<Token> tokens;  // never empty
    int end_line = 0;           // where the statement ended, for "missing ..." errors
    int end_column = 0;
};

// Comments are lines whose first non-blank character is '#' where a new
// statement could start (inside a continued statement '#' begins a word such
// as "#uname"). An unterminated quote is an error naming where it opened.
Result<std::vector<Statement>> tokenize(std::string_view text);

// "line 3, column 12"
std::string where(int line, int column);
std::string where(const Token& token);

}  // namespace crm::syntax
