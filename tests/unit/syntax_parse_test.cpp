// The crm configure reader: what XML it builds, checked against crmsh's own
// reading of the same text, and its errors.
#include <string>

#include <catch2/catch.hpp>

#include "crm/syntax/configure.h"

namespace syntax_test {
std::string read_text(const std::string& path);
crm::xml::Node crm_load(const std::string& text);
crm::xml::Node normalise_config(const crm::xml::Node& conf, bool strip_ids);
}  // namespace syntax_test

namespace {

using crm::syntax::parse_configure;
namespace xml = crm::xml;

const std::string kData = std::string(VIGIL_SOURCE_DIR) + "/tests/data/syntax/";

const xml::Node& by_id(const xml::Node& root, const std::string& id) {
    const xml::Node* n = root.find_by_id(id);
    INFO("id " << id);
    REQUIRE(n != nullptr);
    return *n;
}

std::string error_of(const std::string& text) {
    auto r = parse_configure(text);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

}  // namespace

TEST_CASE("syntax: the seed's configuration reads with crmsh's ids", "[syntax]") {
    auto conf = parse_configure(syntax_test::read_text(kData + "seed.crm"));
    REQUIRE(conf.ok());
    CHECK(conf->name == "configuration");

    const auto& ip = by_id(*conf, "IPVirtual_1");
    CHECK(ip.name == "primitive");
    CHECK(ip.attr("class") == "ocf");
    CHECK(ip.attr("provider") == "heartbeat");
    CHECK(ip.attr("type") == "IPaddr2");
    CHECK(by_id(*conf, "IPVirtual_1-instance_attributes").name == "instance_attributes");
    CHECK(by_id(*conf, "IPVirtual_1-instance_attributes-ip").attr("value") == "192.168.1.200");
    const auto& mon = by_id(*conf, "IPVirtual_1-monitor-30s");
    CHECK(mon.attr("name") == "monitor");
    CHECK(mon.attr("interval") == "30s");
    CHECK(by_id(*conf, "IPVirtual_2-stop-0s").attr("timeout") == "20s");

    const auto& st = by_id(*conf, "st-null");
    CHECK(st.attr("class") == "stonith");
    CHECK(st.attr("type") == "null");
    CHECK_FALSE(st.has_attr("provider"));
    CHECK(by_id(*conf, "st-null-instance_attributes-hostlist").attr("value") ==
          "cluster1 standby1 standby2");

    // Nesting: the group holds both VIPs in order, the clone the fence device.
    const auto& group = by_id(*conf, "grupo1");
    auto members = group.children_named("primitive");
    REQUIRE(members.size() == 2);
    CHECK(members[0]->attr("id") == "IPVirtual_1");
    CHECK(members[1]->attr("id") == "IPVirtual_2");
    const auto& clone = by_id(*conf, "fencing");
    REQUIRE(clone.first_child("primitive") != nullptr);
    CHECK(clone.first_child("primitive")->attr("id") == "st-null");
    const xml::Node* resources = conf->first_child("resources");
    REQUIRE(resources != nullptr);
    CHECK(resources->children.size() == 2);  // grupo1 and fencing; members nested

    const auto& order = by_id(*conf, "orden1");
    CHECK(order.attr("kind") == "Mandatory");
    CHECK(order.attr("first") == "IPVirtual_1");
    CHECK(order.attr("first-action") == "start");
    CHECK(order.attr("then-action") == "start");
    const auto& loc = by_id(*conf, "pref-cluster1");
    CHECK(loc.attr("rsc") == "grupo1");
    CHECK(loc.attr("score") == "50");
    CHECK(loc.attr("node") == "cluster1");

    CHECK(by_id(*conf, "cib-bootstrap-options").name == "cluster_property_set");
    CHECK(by_id(*conf, "cib-bootstrap-options-stonith-enabled").attr("value") == "false");
    CHECK(by_id(*conf, "cib-bootstrap-options-no-quorum-policy").attr("value") == "ignore");
    const auto& node1 = by_id(*conf, "1");
    CHECK(node1.attr("uname") == "cluster1");
}

TEST_CASE("syntax: reader builds the same XML as crmsh, ids included", "[syntax][crmsh]") {
    for (const char* file : {"seed.crm", "features.crm", "extras.crm"}) {
        INFO(file);
        std::string text = syntax_test::read_text(kData + file);
        auto ours = parse_configure(text);
        REQUIRE(ours.ok());
        xml::Node theirs = syntax_test::crm_load(text);
        auto a = syntax_test::normalise_config(*ours, false);
        auto b = syntax_test::normalise_config(theirs, false);
        INFO("vigil:\n" << xml::to_string(a) << "\ncrmsh:\n" << xml::to_string(b));
        CHECK(a == b);
    }
}

TEST_CASE("syntax: features read into the expected XML", "[syntax]") {
    auto conf = parse_configure(syntax_test::read_text(kData + "features.crm"));
    REQUIRE(conf.ok());
    // OCF_CHECK_LEVEL on an op line is an instance attribute of the op.
    const auto& mon = by_id(*conf, "d1-monitor-10s");
    CHECK(mon.attr("on-fail") == "restart");
    CHECK(by_id(mon, "d1-monitor-10s-instance_attributes-OCF_CHECK_LEVEL").attr("value") == "10");
    CHECK_FALSE(mon.has_attr("OCF_CHECK_LEVEL"));
    CHECK(by_id(*conf, "d1-utilization-mem").attr("value") == "2");
    CHECK(by_id(*conf, "cluster1-instance_attributes-site").attr("value") == "dc 1");
    CHECK(by_id(*conf, "m").name == "master");
    CHECK(by_id(*conf, "st").attr("provider") == "heartbeat");  // bare type: ocf:heartbeat

    const auto& rule = by_id(*conf, "l1-rule");
    CHECK(rule.attr("role") == "Promoted");
    CHECK(rule.attr("score") == "100");
    CHECK(rule.attr("boolean-op") == "or");
    CHECK(by_id(*conf, "l1-rule-expression-0").attr("value") == "node2");
    CHECK(by_id(*conf, "l2-rule").attr("score") == "-INFINITY");
    CHECK(by_id(*conf, "l2-rule-expression").attr("operation") == "not_defined");
    CHECK(by_id(*conf, "l4").attr("resource-discovery") == "never");
    CHECK(by_id(*conf, "l4").attr("score") == "INFINITY");
    CHECK(by_id(*conf, "l5-rule-expression").name == "date_expression");

    const auto& c2 = by_id(*conf, "c2");
    CHECK(c2.attr("rsc-role") == "Promoted");
    CHECK(c2.attr("with-rsc-role") == "Started");
    CHECK(by_id(*conf, "c3-0").attr("sequential") == "false");
    CHECK(by_id(*conf, "o3").attr("kind") == "Optional");  // "0:" is advisory
    CHECK(by_id(*conf, "o4-0").attr("require-all") == "false");
    CHECK(by_id(*conf, "o2").attr("symmetrical") == "false");
    CHECK(by_id(*conf, "o5").children_named("resource_set").size() == 3);
    CHECK(by_id(*conf, "rsc-options-resource-stickiness").attr("value") == "100");
    CHECK(by_id(*conf, "op-options-timeout").attr("value") == "30s");
}

TEST_CASE("syntax: lexical details", "[syntax]") {
    SECTION("comments, continuations, quotes and escapes") {
        auto conf = parse_configure(
            "# a comment\n"
            "primitive a Dummy \\\n"
            "  params x=\"two words\" y='single \"q\"' z=\"back\\\\slash \\\"q\\\"\" \\\n"
            "    w=\"\"\n"
            "   # another comment\n"
            "\n"
            "location l a rule 10: \\\n"
            "    #uname eq n1\n");
        REQUIRE(conf.ok());
        CHECK(by_id(*conf, "a-instance_attributes-x").attr("value") == "two words");
        CHECK(by_id(*conf, "a-instance_attributes-y").attr("value") == "single \"q\"");
        CHECK(by_id(*conf, "a-instance_attributes-z").attr("value") == "back\\slash \"q\"");
        CHECK(by_id(*conf, "a-instance_attributes-w").attr("value") == "");
        // "#uname" inside a continued statement is a word, not a comment.
        CHECK(by_id(*conf, "l-rule-expression").attr("attribute") == "#uname");
    }
    SECTION("generated ids step around ids the text defines later") {
        auto conf = parse_configure(
            "primitive a Dummy params x=1\n"
            "primitive a-instance_attributes Dummy\n");
        REQUIRE(conf.ok());
        CHECK(by_id(*conf, "a-instance_attributes").name == "primitive");
        CHECK(by_id(*conf, "a-instance_attributes-0").name == "instance_attributes");
    }
    SECTION("property statements for the same set merge") {
        auto conf = parse_configure("property a=1\nproperty cib-bootstrap-options: b=2\n");
        REQUIRE(conf.ok());
        CHECK(by_id(*conf, "cib-bootstrap-options").children.size() == 2);
    }
    SECTION("xml statements carry elements the language has no words for") {
        auto conf = parse_configure(
            "primitive a Dummy\n"
            "xml <rsc_ticket id=\"t1\" rsc=\"a\" ticket=\"T\" \\\n"
            "   loss-policy=\"stop\"/>\n"
            "xml <fencing-topology><fencing-level id=\"f1\" index=\"1\" target=\"n1\" "
            "devices=\"a\"/></fencing-topology>\n");
        REQUIRE(conf.ok());
        const auto& t = by_id(*conf, "t1");
        CHECK(t.attr("loss-policy") == "stop");
        REQUIRE(conf->first_child("constraints") != nullptr);
        CHECK(conf->first_child("constraints")->first_child("rsc_ticket") != nullptr);
        CHECK(conf->first_child("fencing-topology") != nullptr);
    }
}

TEST_CASE("syntax: errors name line, column and problem", "[syntax][errors]") {
    SECTION("misspelt section keyword, with a suggestion") {
        CHECK(error_of("node 1: a\nprimitive x Dummy \\\n    parms ip=1\n") ==
              "line 3, column 5: unknown keyword 'parms'; did you mean 'params'?");
    }
    SECTION("misspelt statement keyword") {
        CHECK(error_of("primitve x Dummy\n") ==
              "line 1, column 1: unknown keyword 'primitve'; did you mean 'primitive'?");
    }
    SECTION("bad score in a location") {
        CHECK(error_of("primitive x Dummy\nlocation l x abc: n1\n") ==
              "line 2, column 14: bad score 'abc' (an integer, inf or -inf)");
    }
    SECTION("bad score in a colocation") {
        CHECK(error_of("primitive x Dummy\nprimitive y Dummy\ncolocation c 1x: x y\n") ==
              "line 3, column 14: bad score '1x' (an integer, inf or -inf)");
    }
    SECTION("missing resource in a group") {
        CHECK(error_of("primitive a Dummy\ngroup g a   nope\n") ==
              "line 2, column 13: unknown resource 'nope' in group 'g'");
    }
    SECTION("missing resource in a constraint") {
        CHECK(error_of("primitive a Dummy\norder o Mandatory: a:start \\\n  ghost:start\n") ==
              "line 3, column 3: unknown resource 'ghost' in rsc_order 'o'");
        CHECK(error_of("location l ghost 10: n1\n") ==
              "line 1, column 12: unknown resource 'ghost' in rsc_location 'l'");
    }
    SECTION("unterminated quote") {
        CHECK(error_of("primitive a Dummy \\\n  params ip=\"10.0.0.1 nic=eth0\n") ==
              "line 2, column 13: unterminated quote (\" opened here is never closed)");
    }
    SECTION("duplicate id") {
        CHECK(error_of("primitive a Dummy\nprimitive a Dummy\n") ==
              "line 2, column 11: duplicate id 'a' (first defined at line 1, column 11)");
    }
    SECTION("unknown operator and mixed and/or in rules") {
        CHECK(error_of("primitive a Dummy\nlocation l a rule 1: x eqq 2\n") ==
              "line 2, column 24: unknown operator 'eqq' (lt, gt, lte, gte, eq, ne); did you "
              "mean 'eq'?");
        CHECK(error_of("primitive a Dummy\nlocation l a rule 1: x eq 2 and y eq 3 or z eq 4\n") ==
              "line 2, column 40: a rule joins its expressions with either 'and' or 'or', not "
              "both");
    }
    SECTION("unterminated set and missing pieces") {
        CHECK(error_of("primitive a Dummy\nprimitive b Dummy\norder o Mandatory: ( a b\n") ==
              "line 3, column 25: unterminated resource set: missing ')' for the '(' at line 3, "
              "column 20");
        CHECK(error_of("primitive\n") == "line 1, column 10: missing resource id");
        CHECK(error_of("primitive a ocf:heartbeat\n") ==
              "line 1, column 13: OCF agent 'ocf:heartbeat' needs the form ocf:PROVIDER:TYPE");
        CHECK(error_of("primitive a Dummy ip=1\n") ==
              "line 1, column 19: 'ip=1' must follow a section keyword (params, meta, "
              "utilization or op)");
    }
    SECTION("nothing partial: one bad statement fails the whole text") {
        auto r = parse_configure("primitive a Dummy\nprimitive b Dummy\nlocation l a x: n1\n");
        CHECK_FALSE(r.ok());
    }
}

TEST_CASE("syntax: damaged text never crashes and errors always say where", "[syntax][errors]") {
    const std::string seed = syntax_test::read_text(kData + "extras.crm");
    // Each damage at every 7th position: drop a character, add a quote, add
    // a stray bracket. The result either reads or fails with a position.
    int failures = 0;
    for (std::size_t pos = 0; pos < seed.size(); pos += 7) {
        for (int kind = 0; kind < 3; ++kind) {
            std::string text = seed;
            if (kind == 0)
                text.erase(pos, 1);
            if (kind == 1)
                text.insert(pos, "\"");
            if (kind == 2)
                text.insert(pos, " ( ");
            auto r = parse_configure(text);
            if (r.ok())
                continue;
            ++failures;
            INFO("damage " << kind << " at " << pos << ": " << r.error());
            CHECK(r.error().rfind("line ", 0) == 0);
            CHECK(r.error().find(", column ") != std::string::npos);
        }
    }
    CHECK(failures > 0);
}

TEST_CASE("syntax: CRLF line ends and blanks after a backslash", "[syntax]") {
    auto conf = parse_configure("primitive a Dummy \\  \r\n  params x=1\r\nprimitive b Dummy\r\n");
    REQUIRE(conf.ok());
    CHECK(by_id(*conf, "a-instance_attributes-x").attr("value") == "1");
    CHECK(by_id(*conf, "b").attr("type") == "Dummy");
}

TEST_CASE("syntax: errors about huge tokens stay short and quick", "[syntax][errors]") {
    std::string word(1u << 20, 'x');
    auto r = parse_configure(word + " a Dummy\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().rfind("line 1, column 1: unknown keyword 'xxx", 0) == 0);
    CHECK(r.error().size() < 600);
    auto s = parse_configure("primitive a Dummy\nlocation l a " + std::string(19, '9') + ": n1\n");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().rfind("line 2, column 14: bad score '9999", 0) == 0);
    CHECK(
        parse_configure("primitive a Dummy\nlocation l a " + std::string(18, '9') + ": n1\n").ok());
}
