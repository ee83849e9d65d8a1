// failure-timeout: a failure (failed operation and fail count) older than
// the resource's failure-timeout no longer counts, so it neither forces a
// recovery nor a migration-threshold ban; the scheduler reports when the
// next counted failure expires so the caller can run it again then.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

namespace {

// rsc1 started on n1 (call 2), its 10 s monitor failed there at time 1000
// (call 3), fail count `fails` with last-failure 1000; n2 idle.
std::string cib_with_failure(const std::string& meta, const std::string& fails,
                             const std::string& monitor_on_fail = "") {
    std::string op_attrs = monitor_on_fail.empty() ? "" : " on-fail='" + monitor_on_fail + "'";
    std::string x =
        "<cib crm_feature_set='3.16.2' validate-with='pacemaker-3.9' epoch='1' num_updates='0' "
        "admin_epoch='0' have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>"
        "<nvpair id='o1' name='stonith-enabled' value='false'/>"
        "</cluster_property_set></crm_config><nodes><node id='1' uname='n1'/>"
        "<node id='2' uname='n2'/></nodes><resources>"
        "<primitive id='rsc1' class='ocf' provider='pacemaker' type='Dummy'>"
        "<meta_attributes id='m'>" +
        meta + "</meta_attributes><operations><op id='mon' name='monitor' interval='10s'" +
        op_attrs +
        "/></operations></primitive></resources><constraints/></configuration><status>"
        "<node_state id='1' uname='n1' in_ccm='true' crmd='online' join='member' "
        "expected='member'><transient_attributes id='t1'><instance_attributes id='ta1'>"
        "<nvpair id='fc' name='fail-count-rsc1#monitor_10000' value='" +
        fails +
        "'/><nvpair id='lf' name='last-failure-rsc1#monitor_10000' value='1000'/>"
        "</instance_attributes></transient_attributes><lrm id='l1'><lrm_resources>"
        "<lrm_resource id='rsc1' class='ocf' provider='pacemaker' type='Dummy'>"
        "<lrm_rsc_op id='rsc1_last_0' operation='start' operation_key='rsc1_start_0' "
        "transition-key='1:1:0:x' rc-code='0' op-status='0' call-id='2' interval='0' "
        "last-rc-change='900'/>"
        "<lrm_rsc_op id='rsc1_last_failure_0' operation='monitor' "
        "operation_key='rsc1_monitor_10000' transition-key='2:1:0:x' rc-code='1' op-status='0' "
        "call-id='3' interval='10000' last-rc-change='1000'/>"
        "</lrm_resource></lrm_resources></lrm></node_state>"
        "<node_state id='2' uname='n2' in_ccm='true' crmd='online' join='member' "
        "expected='member'><lrm id='l2'><lrm_resources>"
        "<lrm_resource id='rsc1' class='ocf' provider='pacemaker' type='Dummy'>"
        "<lrm_rsc_op id='rsc1_last_0' operation='monitor' operation_key='rsc1_monitor_0' "
        "transition-key='1:1:7:x' rc-code='7' op-status='0' call-id='1' interval='0'/>"
        "</lrm_resource></lrm_resources></lrm></node_state></status></cib>";
    return x;
}

struct Outcome {
    std::vector<std::string> lines;
    std::optional<std::int64_t> recheck_at;
};

Outcome run_at(const std::string& text, std::int64_t now) {
    auto doc = crm::xml::parse(text);
    REQUIRE(doc.ok());
    auto c = crm::cib::unpack(*doc);
    REQUIRE(c.ok());
    crm::scheduler::Options o;
    o.now = now;
    auto t = crm::scheduler::schedule(*c, o);
    if (!t.ok())
        FAIL(t.error());
    return {crm::scheduler::canonical_lines(*t), t->recheck_at};
}

bool has(const std::vector<std::string>& lines, const std::string& l) {
    return std::find(lines.begin(), lines.end(), l) != lines.end();
}

std::string meta(const std::string& timeout, const std::string& threshold) {
    std::string m;
    if (!timeout.empty())
        m += "<nvpair id='ft' name='failure-timeout' value='" + timeout + "'/>";
    if (!threshold.empty())
        m += "<nvpair id='mt' name='migration-threshold' value='" + threshold + "'/>";
    return m;
}

}  // namespace

TEST_CASE("failure-timeout: threshold reached and not expired moves the resource") {
    auto out = run_at(cib_with_failure(meta("60s", "1"), "1"), 1030);
    CHECK(has(out.lines, "placement rsc1 n2 Started"));
    CHECK(has(out.lines, "action recover rsc1 n1->n2"));
    REQUIRE(out.recheck_at.has_value());
    CHECK(*out.recheck_at == 1060);
}

TEST_CASE("failure-timeout: an expired failure no longer counts") {
    auto out = run_at(cib_with_failure(meta("60s", "1"), "1"), 1060);
    CHECK(has(out.lines, "placement rsc1 n1 Started"));
    CHECK(std::none_of(out.lines.begin(), out.lines.end(),
                       [](const std::string& l) { return l.rfind("action ", 0) == 0; }));
    CHECK_FALSE(out.recheck_at.has_value());
}

TEST_CASE("failure-timeout: threshold not reached, unexpired failure recovers in place") {
    auto out = run_at(cib_with_failure(meta("2min", "3"), "1"), 1100);
    CHECK(has(out.lines, "placement rsc1 n1 Started"));
    CHECK(has(out.lines, "action recover rsc1 n1"));
    REQUIRE(out.recheck_at.has_value());
    CHECK(*out.recheck_at == 1120);
}

TEST_CASE("failure-timeout: expired with the threshold unreached, nothing to do") {
    auto out = run_at(cib_with_failure(meta("2min", "3"), "2"), 1120);
    CHECK(has(out.lines, "placement rsc1 n1 Started"));
    CHECK(out.lines.size() == 1);
    CHECK_FALSE(out.recheck_at.has_value());
}

TEST_CASE("failure-timeout: without it a failure never expires") {
    auto out = run_at(cib_with_failure(meta("", "1"), "1"), 2000000000);
    CHECK(has(out.lines, "placement rsc1 n2 Started"));
    CHECK_FALSE(out.recheck_at.has_value());
}

TEST_CASE("failure-timeout: a failure with on-fail=block waits for the operator") {
    auto out = run_at(cib_with_failure(meta("60s", ""), "1", "block"), 5000);
    CHECK(has(out.lines, "placement rsc1 n1 FAILED:Started"));
}
