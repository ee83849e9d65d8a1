# The seed's CIB configuration (SUMMARY.md: group grupo1 of two IPaddr2 VIPs,
# order orden1, location pref-cluster1 50, stonith disabled,
# no-quorum-policy=ignore). The stonith:null clone is left out: stonith is
# disabled and Debian's pacemaker has no stonith:null agent.
# seed_configuration CLASS PROVIDER TYPE MONITOR_INTERVAL prints the
# <configuration> element. With HAPROXY_MONITOR set (the killed-haproxy
# fault), HAProxy joins it as in examples/webcluster: ocf:vigil:haproxy with
# HAPROXY_CFG, monitor every HAPROXY_MONITOR, colocated with grupo1 and
# started after it. Sourced by the stacks. shellcheck shell=sh

seed_nv() { echo "<nvpair id=\"$1-$2\" name=\"$2\" value=\"$3\"/>"; }

seed_vip() {
    cat <<EOV
      <primitive id="$1" class="$4" provider="$5" type="$6">
        <instance_attributes id="$1-instance_attributes">
          $(seed_nv "$1" cidr_netmask 24) $(seed_nv "$1" ip "$2") $(seed_nv "$1" nic "$3")
        </instance_attributes>
        <operations>
          <op id="$1-monitor-$7" name="monitor" interval="$7"/>
          <op id="$1-start-0s" name="start" interval="0s" timeout="20s"/>
          <op id="$1-stop-0s" name="stop" interval="0s" timeout="20s"/>
        </operations>
      </primitive>
EOV
}

seed_haproxy() {
    [ -n "${HAPROXY_MONITOR:-}" ] || return 0
    cat <<EOH
      <primitive id="HAProxy" class="ocf" provider="vigil" type="haproxy">
        <instance_attributes id="HAProxy-instance_attributes">
          $(seed_nv HAProxy config "$HAPROXY_CFG")
        </instance_attributes>
        <operations>
          <op id="HAProxy-monitor-$HAPROXY_MONITOR" name="monitor" interval="$HAPROXY_MONITOR" timeout="20s"/>
          <op id="HAProxy-start-0s" name="start" interval="0s" timeout="30s"/>
          <op id="HAProxy-stop-0s" name="stop" interval="0s" timeout="30s"/>
        </operations>
      </primitive>
EOH
}

seed_haproxy_constraints() {
    [ -n "${HAPROXY_MONITOR:-}" ] || return 0
    echo '      <rsc_colocation id="HAProxy-with-grupo1" score="INFINITY" rsc="HAProxy" with-rsc="grupo1"/>'
    echo '      <rsc_order id="grupo1-then-HAProxy" kind="Mandatory" first="grupo1" then="HAProxy"/>'
}

seed_configuration() {
    cat <<EOC
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        $(seed_nv cib-bootstrap-options have-watchdog false)
        $(seed_nv cib-bootstrap-options cluster-infrastructure corosync)
        $(seed_nv cib-bootstrap-options cluster-name debian)
        $(seed_nv cib-bootstrap-options stonith-enabled false)
        $(seed_nv cib-bootstrap-options no-quorum-policy ignore)
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="cluster1"/>
      <node id="2" uname="standby1"/>
      <node id="3" uname="standby2"/>
    </nodes>
    <resources>
      <group id="grupo1">
$(seed_vip IPVirtual_1 192.168.1.200 enp0s3 "$1" "$2" "$3" "$4")
$(seed_vip IPVirtual_2 10.0.100.200 enp0s8 "$1" "$2" "$3" "$4")
      </group>
$(seed_haproxy)
    </resources>
    <constraints>
$(seed_haproxy_constraints)
      <rsc_order id="orden1" kind="Mandatory" first="IPVirtual_1" first-action="start" then="IPVirtual_2" then-action="start"/>
      <rsc_location id="pref-cluster1" rsc="grupo1" score="50" node="cluster1"/>
    </constraints>
  </configuration>
EOC
}
