#include <catch2/catch.hpp>

#include "ipc_server.h"

TEST_CASE("vigild ipc: root and haclient members are allowed, others are not",
          "[vigild][ipc-server]") {
    const gid_t haclient = 189;
    CHECK(vigild::peer_allowed(0, 0, {}, haclient));
    CHECK(vigild::peer_allowed(0, 0, {}, std::nullopt));
    CHECK(vigild::peer_allowed(1000, haclient, {}, haclient));          // primary group
    CHECK(vigild::peer_allowed(1000, 1000, {27, haclient}, haclient));  // supplementary
    CHECK_FALSE(vigild::peer_allowed(1000, 1000, {27, 100}, haclient));
    // Without a haclient group only root may talk to the daemon.
    CHECK_FALSE(vigild::peer_allowed(1000, 189, {189}, std::nullopt));
}
