/** Tests of several Vangnet nodes sharing one PostgreSQL store (test code only). */
package nl.vangnet.app.nodes;
