package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AuthFilterTest {
    @Test
    void ipv4IsCountedPerAddressAndIpv6PerSlash64Network() throws UnknownHostException {
        assertThat(AuthFilter.addressKey(InetAddress.getByName("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(AuthFilter.addressKey(InetAddress.getByName("::ffff:203.0.113.7"))).isEqualTo("203.0.113.7");
        String one = AuthFilter.addressKey(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:1"));
        assertThat(one).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(AuthFilter.addressKey(InetAddress.getByName("2001:db8:1:2::9"))).isEqualTo(one);
        assertThat(AuthFilter.addressKey(InetAddress.getByName("2001:db8:1:3::1"))).isNotEqualTo(one);
    }
}
