#include "crm/syntax/lexer.h"

#include <fmt/format.h>

namespace crm::syntax {

std::string where(int line, int column) {
    return fmt::format("line {}, column {}", line, column);
}
std::string where(const Token& token) {
    return where(token.line, token.column);
}

namespace {

class Lexer {
  public:
    explicit Lexer(std::string_view text) : s_(text) {}

    Result<std::vector<Statement>> run() {
        while (pos_ < s_.size()) {
            if (current_.tokens.empty() && at_line_start_) {
                skip_blanks();
                if (pos_ < s_.size() && s_[pos_] == '#') {
                    skip_to_eol();
                    continue;
                }
            }
            at_line_start_ = false;
            if (pos_ >= s_.size())
                break;
            char c = s_[pos_];
            if (c == ' ' || c == '\t' || c == '\r') {
                advance();
            } else if (c == '\n') {
                end_statement();
                advance();
                at_line_start_ = true;
            } else if (c == '\\' && continuation_at(pos_)) {
                // Skip the backslash, trailing blanks and the newline: the
                // statement goes on with the next physical line.
                // (At the very end of the text there is no newline to stop at.)
                while (pos_ < s_.size() && s_[pos_] != '\n')
                    advance();
                if (pos_ < s_.size())
                    advance();
            } else {
                if (auto err = read_token(); !err.empty())
                    return Error{err};
            }
        }
        end_statement();
        return std::move(out_);
    }

  private:
    void advance() {
        if (s_[pos_] == '\n') {
            ++line_;
            col_ = 1;
        } else {
            ++col_;
        }
        ++pos_;
    }
    void skip_blanks() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r'))
            advance();
    }
    void skip_to_eol() {
        while (pos_ < s_.size() && s_[pos_] != '\n')
            advance();
    }
    // A backslash followed only by blanks up to the end of the line.
    bool continuation_at(std::size_t p) const {
        for (std::size_t i = p + 1; i < s_.size(); ++i) {
            if (s_[i] == '\n')
                return true;
            if (s_[i] != ' ' && s_[i] != '\t' && s_[i] != '\r')
                return false;
        }
        return true;  // a backslash at the very end of the text joins nothing
    }
    void end_statement() {
        if (current_.tokens.empty())
            return;
        current_.end_line = line_;
        current_.end_column = col_;
        out_.push_back(std::move(current_));
        current_ = Statement{};
    }

    // Returns an error message, or "" on success.
    std::string read_token() {
        Token t;
        std::size_t start = pos_;
        t.line = line_;
        t.column = col_;
        while (pos_ < s_.size()) {
            char c = s_[pos_];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                break;
            if (c == '\\' && continuation_at(pos_))
                break;
            if (c == '"' || c == '\'') {
                int qline = line_, qcol = col_;
                char quote = c;
                t.quoted = true;
                advance();
                bool closed = false;
                while (pos_ < s_.size()) {
                    char d = s_[pos_];
                    if (d == quote) {
                        closed = true;
                        advance();
                        break;
                    }
                    // Inside double quotes a backslash escapes the next
                    // character (\" and \\); single quotes take text as is.
                    if (d == '\\' && quote == '"' && pos_ + 1 < s_.size()) {
                        advance();
                        d = s_[pos_];
                    }
                    t.text += d;
                    advance();
                }
                if (!closed)
                    return fmt::format("{}: unterminated quote ({} opened here is never closed)",
                                       where(qline, qcol), quote);
                continue;
            }
            if (c == '\\' && pos_ + 1 < s_.size()) {
                advance();
                t.text += s_[pos_];
                advance();
                continue;
            }
            if (c == '=' && t.eq == std::string::npos)
                t.eq = t.text.size();
            t.text += c;
            advance();
        }
        t.raw = std::string(s_.substr(start, pos_ - start));
        current_.tokens.push_back(std::move(t));
        return {};
    }

    std::string_view s_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int col_ = 1;
    bool at_line_start_ = true;
    Statement current_;
    std::vector<Statement> out_;
};

}  // namespace

Result<std::vector<Statement>> tokenize(std::string_view text) {
    return Lexer(text).run();
}

}  // namespace crm::syntax
