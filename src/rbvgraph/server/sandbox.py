"""Query workers that cannot open a network connection at all (the second barrier against SERVICE; the first is
the parse in :mod:`rbvgraph.sparql.check`).

:func:`isolate_network` runs first thing in a worker process, while it has one thread: it moves the process
into a new, empty network namespace (only a loopback interface that is down), so every ``connect()``, even to
127.0.0.1, fails and no name resolves. Descriptors opened before (the pipe to the server) keep working. It
tries, in turn: ``unshare(CLONE_NEWNET)`` (root or CAP_SYS_ADMIN); ``unshare(CLONE_NEWUSER | CLONE_NEWNET)``
(an ordinary user, where user namespaces are allowed); a seccomp filter that refuses internet, packet and
netlink sockets and io_uring (x86_64 and aarch64). It says which one held, or ``none: why``; the server
reports that when it starts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import platform
import socket
import struct
import sys

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def _threads() -> int:
    """Threads of this process (-1 when it cannot be told)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return -1


def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def _unshare(flags: int) -> int:
    """0 on success, else the errno."""
    if hasattr(os, "unshare"):  # Python 3.12+
        try:
            os.unshare(flags)
            return 0
        except OSError as err:
            return err.errno
    libc = _libc()
    if libc.unshare(ctypes.c_int(flags)) == 0:
        return 0
    return ctypes.get_errno()


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


# The seccomp fallback: a classic BPF program, written out by hand (the kernel interface has no library here).

_SOCKET_NR = {"x86_64": 41, "aarch64": 198}
_IO_URING_SETUP_NR = 425  # same number on x86_64 and aarch64
_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_BLOCKED_FAMILIES = (socket.AF_INET, socket.AF_INET6, 17, 16)  # AF_PACKET, AF_NETLINK


def _seccomp_deny_inet() -> int:
    machine = platform.machine()
    if machine not in _SOCKET_NR:
        return errno.ENOSYS
    # struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }
    LD_W_ABS, JEQ_K, RET_K = 0x20, 0x15, 0x06
    ALLOW, ERRNO = 0x7FFF0000, 0x00050000
    KILL = 0x80000000  # SECCOMP_RET_KILL_PROCESS
    prog = [
        (LD_W_ABS, 0, 0, 4),                       # A = arch
        (JEQ_K, 1, 0, _AUDIT_ARCH[machine]),
        (RET_K, 0, 0, KILL),                       # foreign ABI: kill
        (LD_W_ABS, 0, 0, 0),                       # A = syscall nr
    ]
    if machine == "x86_64":                        # x32 syscalls (nr | 0x40000000): refuse
        prog += [(0x35, 0, 1, 0x40000000), (RET_K, 0, 0, ERRNO | errno.ENOSYS)]  # JGE
    prog += [
        (JEQ_K, 0, 1, _IO_URING_SETUP_NR), (RET_K, 0, 0, ERRNO | errno.ENOSYS),
        (JEQ_K, 1, 0, _SOCKET_NR[machine]), (RET_K, 0, 0, ALLOW),
        (LD_W_ABS, 0, 0, 16),                      # A = args[0] (low 32 bits, little endian)
    ]
    for fam in _BLOCKED_FAMILIES:
        prog += [(JEQ_K, 0, 1, fam), (RET_K, 0, 0, ERRNO | errno.EACCES)]
    prog += [(RET_K, 0, 0, ALLOW)]
    raw = b"".join(struct.pack("HBBI", *ins) for ins in prog)
    buf = ctypes.create_string_buffer(raw)

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(prog), ctypes.addressof(buf))
    libc = _libc()
    PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return ctypes.get_errno()
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        return ctypes.get_errno()
    return 0  # note: PR_SET_SECCOMP without TSYNC applies to this thread (and threads it creates later)


def isolate_network(allow_seccomp: bool = True) -> str:
    """Cut this process off from every network; how: 'netns', 'userns+netns', 'seccomp', or 'none: why'.

    Must run while the process is single-threaded (namespaces and seccomp filters apply to the calling
    thread and the threads it starts afterwards; unshare(CLONE_NEWUSER) even refuses with EINVAL otherwise).
    """
    if not sys.platform.startswith("linux"):
        return f"none: not Linux ({sys.platform})"
    n = _threads()
    if n != 1:
        return f"none: process has {n} threads; call isolate_network() before any thread starts"
    err = _unshare(CLONE_NEWNET)
    if err == 0:
        return "netns"
    uid, gid = os.geteuid(), os.getegid()
    err2 = _unshare(CLONE_NEWUSER | CLONE_NEWNET)
    if err2 == 0:
        try:  # optional: map ourselves, so the files we own still look like ours
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1")
            _write("/proc/self/gid_map", f"{gid} {gid} 1")
        except OSError:
            pass
        return "userns+netns"
    if allow_seccomp:
        err3 = _seccomp_deny_inet()
        if err3 == 0:
            return "seccomp"
        return (f"none: unshare(NEWNET) {errno.errorcode.get(err, err)}, unshare(NEWUSER|NEWNET) "
                f"{errno.errorcode.get(err2, err2)}, seccomp {errno.errorcode.get(err3, err3)}")
    return f"none: unshare {errno.errorcode.get(err, err)} / {errno.errorcode.get(err2, err2)}"
