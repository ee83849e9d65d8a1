# Install rules for the agents (include()d from the top-level CMakeLists).
# Layout:
#   OCF agents      ${VIGIL_OCF_ROOT}/resource.d/vigil/<agent>   (ocf:vigil:<agent>)
#   their helpers   ${VIGIL_OCF_ROOT}/lib/vigil/*.sh             (found as ../../lib/vigil)
#   fence agents    <prefix>/sbin/fence_vigil_*                  (where the fencer looks)
#   fence helpers   <prefix>/share/vigil/vigil-fence.sh          (found as ../share/vigil)
#   man pages       <prefix>/share/man/man7, man8
set(_vigil_agents_dir ${CMAKE_CURRENT_LIST_DIR})
if(NOT DEFINED VIGIL_OCF_ROOT)
  set(VIGIL_OCF_ROOT /usr/lib/ocf)
endif()
set(_vigil_exec_perms
  OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(PROGRAMS
  ${_vigil_agents_dir}/ocf/vip
  ${_vigil_agents_dir}/ocf/haproxy
  ${_vigil_agents_dir}/ocf/nfsmount
  ${_vigil_agents_dir}/ocf/glustermount
  ${_vigil_agents_dir}/ocf/docker
  DESTINATION ${VIGIL_OCF_ROOT}/resource.d/vigil
  PERMISSIONS ${_vigil_exec_perms})
install(FILES
  ${_vigil_agents_dir}/lib/vigil-common.sh
  ${_vigil_agents_dir}/lib/vigil-mount.sh
  DESTINATION ${VIGIL_OCF_ROOT}/lib/vigil)
install(PROGRAMS
  ${_vigil_agents_dir}/fence/fence_vigil_null
  ${_vigil_agents_dir}/fence/fence_vigil_netns
  DESTINATION sbin
  PERMISSIONS ${_vigil_exec_perms})
install(FILES ${_vigil_agents_dir}/lib/vigil-fence.sh DESTINATION share/vigil)

file(GLOB _vigil_agent_man7 ${_vigil_agents_dir}/../man/ocf_vigil_*.7)
file(GLOB _vigil_agent_man8 ${_vigil_agents_dir}/../man/fence_vigil_*.8)
install(FILES ${_vigil_agent_man7} DESTINATION share/man/man7)
install(FILES ${_vigil_agent_man8} DESTINATION share/man/man8)
