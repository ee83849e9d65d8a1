# Agent tests: every OCF and fence agent against the real programs it
# drives (ip, haproxy, glusterd, dockerd), in network namespaces named
# vag-*. They need root. Each script exits non-zero on any failed check and
# cleans up after itself.
set(VIGIL_AGENT_TESTS
  static       # shellcheck + meta-data against the OCF DTD and RelaxNG
  vip          # ocf-tester, exit codes, IPv4/IPv6 move with GARP/NA seen
  haproxy      # ocf-tester, reload under load, depth-10 monitor, stop
  fence        # fence_vigil_null, fence_vigil_netns
  docker       # private dockerd, busybox image, port mapping, kill -> 7
  podman       # the docker agent with engine=podman, private storage
  glustermount # three glusterd, replica-3 and distributed volumes
  nfsmount     # parameter and node checks on this host (no kernel NFS client)
  nfsmount-guest # for real: nfs-ganesha + a qemu guest kernel runs the agent
)
foreach(t ${VIGIL_AGENT_TESTS})
  add_test(NAME agents-${t}
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/${t}.sh)
  set_tests_properties(agents-${t} PROPERTIES
    LABELS agents
    TIMEOUT 300
    RESOURCE_LOCK vigil-agents)
endforeach()
# Software-emulated guest: about a minute, longer when the machine is busy,
# plus about 30 s the first time (kernel download and preparation).
set_tests_properties(agents-nfsmount-guest PROPERTIES TIMEOUT 420)
