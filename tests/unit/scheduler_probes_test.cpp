// Probes: a monitor with interval 0 wherever a resource has no history on
// an online node, every start of the resource ordered after them, and
// nothing of it in the transition summary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

using namespace crm;

namespace {

// Per node n1..n3: its node_state contents, online or not, and its
// permanent attributes.
struct NodeSpec {
    NodeSpec() = default;
    NodeSpec(std::string l, bool on = true, std::string a = "")  // NOLINT: implicit on purpose
        : lrm(std::move(l)), online(on), attrs(std::move(a)) {}
    std::string lrm;  // <lrm_resource> elements
    bool online = true;
    std::string attrs;  // <instance_attributes> inside <node>
};

cib::Cib make_cib(const std::string& resources, const std::vector<NodeSpec>& nodes) {
    std::string x =
        "<cib crm_feature_set='3.16.2' validate-with='pacemaker-3.9' epoch='1' num_updates='0' "
        "admin_epoch='0' have-quorum='1'><configuration><crm_config><cluster_property_set "
        "id='o'><nvpair id='o1' name='stonith-enabled' value='false'/></cluster_property_set>"
        "</crm_config><nodes>";
    for (size_t i = 0; i < nodes.size(); ++i)
        x += "<node id='" + std::to_string(i + 1) + "' uname='n" + std::to_string(i + 1) + "'>" +
             nodes[i].attrs + "</node>";
    x += "</nodes><resources>" + resources + "</resources><constraints/></configuration><status>";
    for (size_t i = 0; i < nodes.size(); ++i) {
        std::string state = nodes[i].online
                                ? "in_ccm='true' crmd='online' join='member' expected='member'"
                                : "in_ccm='false' crmd='offline' join='down' expected='down'";
        x += "<node_state id='" + std::to_string(i + 1) + "' uname='n" + std::to_string(i + 1) +
             "' " + state + "><lrm id='" + std::to_string(i + 1) + "'><lrm_resources>" +
             nodes[i].lrm + "</lrm_resources></lrm></node_state>";
    }
    x += "</status></cib>";
    auto doc = xml::parse(x);
    REQUIRE(doc.ok());
    auto c = cib::unpack(*doc);
    REQUIRE(c.ok());
    return *c;
}

std::string dummy(const std::string& id, const std::string& meta = "") {
    return "<primitive id='" + id + "' class='ocf' provider='pacemaker' type='Dummy'>" +
           (meta.empty() ? ""
                         : "<meta_attributes id='" + id + "-m'>" + meta + "</meta_attributes>") +
           "</primitive>";
}

// History of an earlier probe that found the resource stopped.
std::string probed_stopped(const std::string& id) {
    return "<lrm_resource id='" + id + "' class='ocf' provider='pacemaker' type='Dummy'>" +
           "<lrm_rsc_op id='" + id + "_last_0' operation='monitor' operation_key='" + id +
           "_monitor_0' transition-key='1:1:7:x' rc-code='7' op-status='0' call-id='1' "
           "interval='0'/></lrm_resource>";
}

std::vector<const graph::Action*> probes(const graph::Graph& g) {
    std::vector<const graph::Action*> out;
    for (const auto& a : g.actions)
        if (a.task == "monitor" && a.interval_ms == 0)
            out.push_back(&a);
    return out;
}

std::vector<std::string> probe_keys(const graph::Graph& g) {
    std::vector<std::string> out;
    for (const auto* a : probes(g))
        out.push_back(a->resource + "@" + a->node);
    std::sort(out.begin(), out.end());
    return out;
}

const graph::Action* required_start(const graph::Graph& g, const std::string& rsc) {
    for (const auto& a : g.actions)
        if (a.resource == rsc && a.task == "start" && !a.optional)
            return &a;
    return nullptr;
}

bool ordered(const graph::Graph& g, int before, int after) {
    for (const auto& e : g.edges)
        if (e.before == before && e.after == after)
            return true;
    return false;
}

scheduler::Transition run(const cib::Cib& c, bool with_probes = true) {
    scheduler::Options o;
    o.probes = with_probes;
    auto t = scheduler::schedule(c, o);
    REQUIRE(t.ok());
    return *t;
}

}  // namespace

TEST_CASE("nothing known: a probe on every online node, the start after all of them",
          "[scheduler][probes]") {
    auto c = make_cib(dummy("A"), {{}, {}, {}});
    auto t = run(c);
    CHECK(probe_keys(t.graph) == std::vector<std::string>{"A@n1", "A@n2", "A@n3"});
    const graph::Action* start = required_start(t.graph, "A");
    REQUIRE(start);
    for (const auto* p : probes(t.graph)) {
        CHECK_FALSE(p->optional);
        CHECK(p->runnable);
        CHECK(ordered(t.graph, p->id, start->id));
    }
    // Executable: the daemon runs them.
    CHECK(t.graph.executable().size() >= 4);
    // Never in the summary or canonical lines.
    for (const auto& line : scheduler::canonical_lines(t))
        CHECK(line.find("monitor") == std::string::npos);
    REQUIRE(t.summary.size() == 1);
    CHECK(t.summary[0].verb == "start");
}

TEST_CASE("probes do not change placement or the summary", "[scheduler][probes]") {
    auto c = make_cib(dummy("A") + dummy("B"), {{}, {}, {}});
    CHECK(scheduler::canonical_lines(run(c, true)) == scheduler::canonical_lines(run(c, false)));
}

TEST_CASE("history on a node: no probe there", "[scheduler][probes]") {
    auto c = make_cib(dummy("A"), {{probed_stopped("A")}, {}, {probed_stopped("A")}});
    auto t = run(c);
    CHECK(probe_keys(t.graph) == std::vector<std::string>{"A@n2"});
    const graph::Action* start = required_start(t.graph, "A");
    REQUIRE(start);
    CHECK(ordered(t.graph, probes(t.graph)[0]->id, start->id));
}

TEST_CASE("history everywhere: no probes, the start has no probe inputs", "[scheduler][probes]") {
    auto c =
        make_cib(dummy("A"), {{probed_stopped("A")}, {probed_stopped("A")}, {probed_stopped("A")}});
    auto t = run(c);
    CHECK(probes(t.graph).empty());
    REQUIRE(required_start(t.graph, "A"));
}

TEST_CASE("offline node: no probe there", "[scheduler][probes]") {
    auto c = make_cib(dummy("A"), {{}, {"", false}, {}});
    auto t = run(c);
    CHECK(probe_keys(t.graph) == std::vector<std::string>{"A@n1", "A@n3"});
}

TEST_CASE("node in maintenance: no probe there", "[scheduler][probes]") {
    NodeSpec maint;
    maint.attrs =
        "<instance_attributes id='n2-a'><nvpair id='n2-m' name='maintenance' value='true'/>"
        "</instance_attributes>";
    auto c = make_cib(dummy("A"), {{}, maint, {}});
    auto t = run(c);
    CHECK(probe_keys(t.graph) == std::vector<std::string>{"A@n1", "A@n3"});
}

TEST_CASE("probes off: none", "[scheduler][probes]") {
    auto c = make_cib(dummy("A"), {{}, {}, {}});
    CHECK(probes(run(c, false).graph).empty());
}

TEST_CASE("unmanaged resources are still probed", "[scheduler][probes]") {
    auto c =
        make_cib(dummy("A", "<nvpair id='A-um' name='is-managed' value='false'/>"), {{}, {}, {}});
    auto t = run(c);
    CHECK(probe_keys(t.graph) == std::vector<std::string>{"A@n1", "A@n2", "A@n3"});
}

TEST_CASE("group: every member probed, each start after every probe", "[scheduler][probes]") {
    auto c = make_cib("<group id='G'>" + dummy("A") + dummy("B") + "</group>",
                      {{probed_stopped("A")}, {}, {}});
    auto t = run(c);
    CHECK(probe_keys(t.graph) == std::vector<std::string>{"A@n2", "A@n3", "B@n1", "B@n2", "B@n3"});
    const graph::Action* sa = required_start(t.graph, "A");
    const graph::Action* sb = required_start(t.graph, "B");
    REQUIRE(sa);
    REQUIRE(sb);
    for (const auto* p : probes(t.graph)) {
        CHECK(ordered(t.graph, p->id, sa->id));
        CHECK(ordered(t.graph, p->id, sb->id));
    }
}

TEST_CASE("anonymous clone: one probe per node, by the instance placed there",
          "[scheduler][probes]") {
    auto c = make_cib("<clone id='C'>" + dummy("D") + "</clone>", {{}, {}, {}});
    auto t = run(c);
    auto ps = probes(t.graph);
    REQUIRE(ps.size() == 3);
    std::vector<std::string> nodes;
    for (const auto* p : ps) {
        nodes.push_back(p->node);
        CHECK(p->resource.rfind("D:", 0) == 0);
        // The instance probed on a node is the one that starts there.
        const graph::Action* start = required_start(t.graph, p->resource);
        REQUIRE(start);
        CHECK(start->node == p->node);
        // ... and every instance start waits for every probe.
        for (const auto* q : ps) {
            const graph::Action* other = required_start(t.graph, q->resource);
            REQUIRE(other);
            CHECK(ordered(t.graph, p->id, other->id));
        }
    }
    std::sort(nodes.begin(), nodes.end());
    CHECK(nodes == std::vector<std::string>{"n1", "n2", "n3"});
}

TEST_CASE("anonymous clone known on a node through any instance: no probe there",
          "[scheduler][probes]") {
    auto c = make_cib("<clone id='C'>" + dummy("D") + "</clone>", {{probed_stopped("D")}, {}, {}});
    auto t = run(c);
    std::vector<std::string> nodes;
    for (const auto* p : probes(t.graph))
        nodes.push_back(p->node);
    std::sort(nodes.begin(), nodes.end());
    CHECK(nodes == std::vector<std::string>{"n2", "n3"});
}

TEST_CASE("anonymous clone without a placement on a node probes its first instance",
          "[scheduler][probes]") {
    auto c = make_cib(
        "<clone id='C'><meta_attributes id='C-m'><nvpair id='C-max' "
        "name='clone-max' value='1'/></meta_attributes>" +
            dummy("D") + "</clone>",
        {{}, {}, {}});
    auto t = run(c);
    CHECK(probe_keys(t.graph) == std::vector<std::string>{"D:0@n1", "D:0@n2", "D:0@n3"});
}

TEST_CASE("unique clone: every instance probed on every node", "[scheduler][probes]") {
    auto c = make_cib(
        "<clone id='C'><meta_attributes id='C-m'><nvpair id='C-u' "
        "name='globally-unique' value='true'/><nvpair id='C-max' name='clone-max' "
        "value='2'/></meta_attributes>" +
            dummy("D") + "</clone>",
        {{}, {}, {}});
    auto t = run(c);
    CHECK(probe_keys(t.graph) ==
          std::vector<std::string>{"D:0@n1", "D:0@n2", "D:0@n3", "D:1@n1", "D:1@n2", "D:1@n3"});
}

TEST_CASE("unique clone: a history covers its own instance only", "[scheduler][probes]") {
    auto c = make_cib(
        "<clone id='C'><meta_attributes id='C-m'><nvpair id='C-u' "
        "name='globally-unique' value='true'/><nvpair id='C-max' name='clone-max' "
        "value='2'/></meta_attributes>" +
            dummy("D") + "</clone>",
        {{probed_stopped("D:0")}, {}, {}});
    auto t = run(c);
    CHECK(probe_keys(t.graph) ==
          std::vector<std::string>{"D:0@n2", "D:0@n3", "D:1@n1", "D:1@n2", "D:1@n3"});
}

TEST_CASE("a clone of an LSB agent is anonymous even when globally-unique", "[scheduler][probes]") {
    auto c = make_cib(
        "<clone id='C'><meta_attributes id='C-m'><nvpair id='C-u' "
        "name='globally-unique' value='true'/><nvpair id='C-max' name='clone-max' "
        "value='2'/></meta_attributes><primitive id='L' class='lsb' type='LSBDummy'/>"
        "</clone>",
        {{}, {}, {}});
    auto t = run(c);
    // One instance per node, not every instance on every node.
    CHECK(probes(t.graph).size() == 3);
}
