/**
 * st2 action-alias formats: parsing, compiling, the catalog snapshot, matching and its
 * synchronizer.
 */
package io.github.st2chatops.gateway.alias;
