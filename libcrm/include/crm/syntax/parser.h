#pragma once
// Internals of parse_configure shared by its source files (one per kind of
// statement). Not a public API: use crm/syntax/configure.h.
#include <cstddef>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crm/syntax/lexer.h"
#include "crm/xml/xml_node.h"

namespace crm::syntax::detail {

// Thrown inside the parser and turned into an Error at its boundary, so
// that no partially built configuration ever escapes.
struct SyntaxError {
    std::string message;
};
[[noreturn]] void fail(const Token& at, const std::string& problem);
[[noreturn]] void fail(int line, int column, const std::string& problem);

// Ids in use; generated ids get "-0", "-1", ... appended until unique, the
// way crmsh makes them.
class Ids {
  public:
    bool taken(const std::string& id) const { return used_.count(id) != 0; }
    void reserve(const std::string& id) { used_.insert(id); }
    std::string make(const std::string& base);

  private:
    std::set<std::string> used_;
    std::map<std::string, int> next_;  // per base: the first suffix not yet tried
};

// Walks the tokens of one statement.
class Cursor {
  public:
    explicit Cursor(const Statement& st) : st_(st) {}
    bool done() const { return i_ >= st_.tokens.size(); }
    const Token& peek() const { return st_.tokens[i_]; }
    const Token& peek_at(std::size_t ahead) const { return st_.tokens[i_ + ahead]; }
    bool has(std::size_t count) const { return i_ + count <= st_.tokens.size(); }
    // The next token; fails with "missing WHAT" at the end of the statement.
    const Token& next(std::string_view what);
    void expect_end(std::string_view context);
    // Where the statement ends (for errors about something missing).
    int end_line() const { return st_.end_line; }
    int end_column() const { return st_.end_column; }
    const Token& first() const { return st_.tokens.front(); }

  private:
    const Statement& st_;
    std::size_t i_ = 0;
};

struct ResourceDraft {
    std::string kind;            // primitive | group | clone | master
    xml::Node node;              // the element without its child resources
    Token at;                    // the id token
    std::vector<Token> members;  // group members or the clone's child
    bool contained = false;
};

struct ConstraintDraft {
    xml::Node node;
    std::vector<Token> refs;  // resources it names, checked once all are read
};

// The configuration being read.
struct Draft {
    Ids ids;
    xml::Node nodes{"nodes"};
    std::vector<ResourceDraft> resources;
    std::vector<ConstraintDraft> constraints;
    std::vector<xml::Node> crm_config;    // cluster_property_set, merged by id
    std::vector<xml::Node> rsc_defaults;  // meta_attributes
    std::vector<xml::Node> op_defaults;
    std::vector<xml::Node> extra;           // from `xml` statements
    std::set<std::string> extra_ids;        // ids those define (tags, templates...)
    std::map<std::string, Token> declared;  // ids the text defines, where
};

// Records an id the text defines; fails on a malformed or duplicate id.
void declare(Draft& d, const Token& id_token);
void declare(Draft& d, const Token& at, const std::string& id);
void declare(Draft& d, const Token& at, const std::string& id, bool node);

void parse_node(Cursor& c, Draft& d);
void parse_primitive(Cursor& c, Draft& d);
void parse_group(Cursor& c, Draft& d);
void parse_clone(Cursor& c, Draft& d, bool master);
void parse_location(Cursor& c, Draft& d);
void parse_order(Cursor& c, Draft& d);
void parse_colocation(Cursor& c, Draft& d);
void parse_property(Cursor& c, Draft& d, std::string_view keyword);
void parse_xml(Cursor& c, Draft& d);
// The section under <configuration> an `xml` element goes into ("" for a
// whole section); false for elements the reader cannot place.
bool xml_container(const std::string& element, std::string& container);
// `rule [$id=X] [$role=R] SCORE: expression`, the `rule` token already read.
xml::Node parse_rule(Cursor& c, Draft& d, const std::string& owner_id);

// Reads name=value tokens into a new set element (instance_attributes,
// meta_attributes, utilization) whose id is `owner-element` unless the
// text gives `$id=`. Stops at the first token that is not name=value.
xml::Node read_nvset(Cursor& c, Draft& d, const std::string& element, const std::string& owner);
void add_nvpair(xml::Node& set, Draft& d, const Token& assignment);

// A score as crmsh writes it: "INFINITY"/"-INFINITY" for the inf spellings,
// an integer as written; anything else fails with "bad score".
std::string normalise_score(const Token& t, std::string_view text);
bool looks_like_score(std::string_view text);

// "; did you mean 'params'?" when some candidate is close to `word`.
std::string suggestion(std::string_view word, std::initializer_list<std::string_view> candidates);

}  // namespace crm::syntax::detail
