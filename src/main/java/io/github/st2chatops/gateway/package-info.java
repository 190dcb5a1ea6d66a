/**
 * st2-chatops-gateway: a stateless bridge between chat platforms and StackStorm.
 */
package io.github.st2chatops.gateway;
