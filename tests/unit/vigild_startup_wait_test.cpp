#include <catch2/catch.hpp>

#include "replica.h"
#include "startup_wait.h"

using vigild::MemberId;
using vigild::StartupFacts;
namespace xml = crm::xml;

namespace {

StartupFacts alone_of_three() {
    StartupFacts f;
    f.nodelist = {1, 2, 3};
    f.view = {{1, 100}};
    f.since_start_ms = 1000;
    f.deadtime_ms = 20000;
    return f;
}

xml::Node cib_with_deadtime(const char* value) {
    xml::Node cib = vigild::empty_cib();
    xml::Node set("cluster_property_set");
    set.set_attr("id", "cib-bootstrap-options");
    xml::Node nv("nvpair");
    nv.set_attr("id", "cib-bootstrap-options-dc-deadtime");
    nv.set_attr("name", "dc-deadtime");
    nv.set_attr("value", value);
    set.add_child(nv);
    cib.first_child("configuration")->first_child("crm_config")->add_child(set);
    return cib;
}

}  // namespace

TEST_CASE("start-up wait: a node alone in its first view waits for the others",
          "[vigild][startup]") {
    StartupFacts f = alone_of_three();
    CHECK_FALSE(vigild::startup_wait_over(f));
    f.view.push_back({2, 200});  // two of three: still waiting
    CHECK_FALSE(vigild::startup_wait_over(f));
    f.view.push_back({3, 300});
    auto why = vigild::startup_wait_over(f);
    REQUIRE(why);
    CHECK_THAT(*why, Catch::Contains("all 3 nodes"));
}

TEST_CASE("start-up wait: dc-deadtime ends it without the missing nodes", "[vigild][startup]") {
    StartupFacts f = alone_of_three();
    f.since_start_ms = 19999;
    CHECK_FALSE(vigild::startup_wait_over(f));
    f.since_start_ms = 20000;
    auto why = vigild::startup_wait_over(f);
    REQUIRE(why);
    CHECK_THAT(*why, Catch::Contains("dc-deadtime"));
}

TEST_CASE("start-up wait: an established member in the view ends it at once", "[vigild][startup]") {
    StartupFacts f = alone_of_three();
    f.view.push_back({3, 300});
    f.ready_member_in_view = true;
    auto why = vigild::startup_wait_over(f);
    REQUIRE(why);
    CHECK_THAT(*why, Catch::Contains("established"));
}

TEST_CASE("start-up wait: dc-deadtime is read from the cluster properties", "[vigild][startup]") {
    CHECK(vigild::dc_deadtime_ms(vigild::empty_cib()) == 20000);
    CHECK(vigild::dc_deadtime_ms(cib_with_deadtime("5s")) == 5000);
    CHECK(vigild::dc_deadtime_ms(cib_with_deadtime("1min")) == 60000);
    // Not a duration: the default, as the property's validation refuses it
    // anyway and a node must not start without any wait because of a typo.
    CHECK(vigild::dc_deadtime_ms(cib_with_deadtime("soon")) == 20000);
}

// The replica carries each member's "past its wait" in its state message, so
// a newcomer learns that the view holds an established cluster.
TEST_CASE("start-up wait: readiness travels in the state messages", "[vigild][startup]") {
    const MemberId a{1, 100}, b{2, 200};
    vigild::Replica ra(a, vigild::empty_cib(), false, nullptr);
    vigild::Replica rb(b, vigild::empty_cib(), false, nullptr);
    rb.set_ready();
    const std::vector<MemberId> view{a, b};
    auto fa = ra.on_view(view);
    auto fb = rb.on_view(view);
    REQUIRE(fa.send.size() == 1);
    REQUIRE(fb.send.size() == 1);
    CHECK_FALSE(fa.send[0].ready);
    CHECK(fb.send[0].ready);
    // The state survives encoding (it crosses CPG).
    auto decoded = vigild::decode_cpg(vigild::encode(fb.send[0]));
    REQUIRE(decoded.ok());
    CHECK(decoded->ready);
    for (const auto& [from, msg] : {std::pair{a, fa.send[0]}, std::pair{b, fb.send[0]}}) {
        ra.on_message(from, msg);
        rb.on_message(from, msg);
    }
    CHECK(ra.ready_member_in_view());        // b said it is past its wait
    CHECK_FALSE(rb.ready_member_in_view());  // a did not (and b's own flag does not count)
    // Once b leaves, a is alone again with nobody established in sight.
    ra.on_view({a});
    CHECK_FALSE(ra.ready_member_in_view());
}
