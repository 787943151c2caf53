"""Corridors: route API latency through a running server, and routing and min-cost flow on a SYNTHETIC graph
beside networkx on the same graph in the same run.

1. The corridor network (the demo's sourced and estimated data): GET /api/v1/corridors/route for several
   origin-destination pairs and corridors, p50/p95/p99 at 8 concurrent clients, through gunicorn.
2. A SYNTHETIC seeded random directed graph (default 10,000 nodes and 100,000 arcs; `--full` gives the issue's
   100,000 nodes and 1,000,000 arcs): arcs with random ends plus a ring through every node (so every pair is
   joined), integer weights 1-100 and capacities. Printed: graph build time and memory for our compact arrays
   (CSR for SciPy's csgraph) and for a networkx DiGraph; one point-to-point route (SciPy csgraph Dijkstra from the
   origin, then the path) beside networkx's bidirectional Dijkstra; all distances from one node beside networkx;
   one min-cost flow of 1,000 origin-destination pairs (HiGHS through scipy.optimize.linprog) beside networkx's
   network simplex with the same node demands. Nothing here is real data. Asserts nothing.

  python bench/bench_corridors.py [--full] [--skip-server] [--skip-nx-flow] [--postgres]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from common import ROOT, VAR, ensure_database, load, report, server

ROUTES = 20
IN_PROCESS = """
import os, statistics, sys, time
sys.path.insert(0, "src")
os.environ["DATABASE_URL"] = sys.argv[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")
import django
django.setup()
from django.test import Client
client, paths = Client(), sys.argv[2:]
for p in paths:
    client.get(p)
cpu, wall = [], []
for i in range(500):
    c, w = time.process_time(), time.perf_counter()
    assert client.get(paths[i % len(paths)]).status_code == 200
    cpu.append((time.process_time() - c) * 1000)
    wall.append((time.perf_counter() - w) * 1000)
q, qw = statistics.quantiles(cpu, n=100), statistics.quantiles(wall, n=100)
print(f"  in-process, 500 requests: CPU p50 {q[49]:.1f} ms  p95 {q[94]:.1f} ms;", end="")
print(f"  wall p50 {qw[49]:.1f} ms  p95 {qw[94]:.1f} ms")
"""

sys.path.insert(0, str(ROOT / "src"))


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def synthetic(n: int, m: int, seed: int = 20240704) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    extra = m - n
    tail = np.concatenate([np.arange(n), rng.integers(0, n, extra)])
    head = np.concatenate([(np.arange(n) + 1) % n, rng.integers(0, n, extra)])
    keep = tail != head
    tail, head = tail[keep], head[keep]
    weight = rng.integers(1, 101, tail.shape[0]).astype(np.float64)
    capacity = np.where(np.arange(tail.shape[0]) < n, 1e6, rng.integers(20, 201, tail.shape[0])).astype(np.float64)
    return tail, head, weight, capacity


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """(result, wall seconds, CPU seconds of this process): on a shared machine the CPU time is the steadier."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def synthetic_section(
    n: int, m: int, skip_nx_flow: bool, limit: float = 600.0, fallback: tuple[int, int] | None = None
) -> None:
    import networkx as nx
    from scipy.sparse.csgraph import dijkstra

    from sco.corridors import flows, routing

    print(
        f"\nSYNTHETIC seeded random graph: {n:,} nodes, {m:,} arcs (not real data); "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print("  times are CPU seconds of this process (wall in brackets): the machine is shared")
    tail, head, weight, capacity = synthetic(n, m)
    gc.collect()
    base = rss_mb()

    def build_ours() -> routing.Csr:
        csr = routing.build_csr(n, tail, head, weight)
        csr.reverse()
        csr.typical()
        return csr

    csr, w_ours, c_ours = timed(build_ours)
    ours_mb = rss_mb() - base
    array_mb = (tail.nbytes + head.nbytes + weight.nbytes + capacity.nbytes) / 2**20
    csr_mb = (
        2 * (csr.matrix.data.nbytes + csr.matrix.indices.nbytes + csr.matrix.indptr.nbytes + csr.arc.nbytes) / 2**20
    )
    gc.collect()
    base = rss_mb()

    def build_nx() -> nx.DiGraph:
        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_weighted_edges_from(zip(tail.tolist(), head.tolist(), weight.tolist(), strict=True))
        return g

    g, w_nx, c_nx = timed(build_nx)
    nx_mb = rss_mb() - base
    print(
        f"  build: arrays + CSR both ways {c_ours * 1000:8.1f} ms ({w_ours * 1000:.0f})   "
        f"networkx {c_nx:7.2f} s ({w_nx:.2f})   ratio {c_nx / c_ours:6.1f}x"
    )
    print(
        f"  memory: arc arrays {array_mb:6.1f} MB + CSR both ways {csr_mb:6.1f} MB (RSS +{ours_mb:6.1f} MB)   "
        f"networkx RSS +{nx_mb:7.1f} MB"
    )

    rng = np.random.default_rng(1)
    pairs = [tuple(int(x) for x in rng.integers(0, n, 2)) for _ in range(ROUTES)]
    ours_ms, bidi_ms, uni_ms = [], [], []
    for i, (s, t) in enumerate(pairs):
        path, _, c_route = timed(routing.bidirectional_path, csr, s, t)
        (nx_len, _nx_path), _, c_nx_route = timed(nx.bidirectional_dijkstra, g, s, t)
        assert path is not None and abs(float(weight[path].sum()) - nx_len) < 1e-6, "same length as networkx"
        ours_ms.append(c_route * 1000)
        bidi_ms.append(c_nx_route * 1000)
        if i < 3:  # networkx's plain Dijkstra to one target: what the issue measured (2.2 s at full size)
            _, _, c_uni = timed(nx.dijkstra_path, g, s, t)
            uni_ms.append(c_uni * 1000)
    ours, bidi, uni = float(np.median(ours_ms)), float(np.median(bidi_ms)), float(np.median(uni_ms))
    print(f"  one route, median over {ROUTES} random pairs (the same lengths as networkx):")
    print(f"    csgraph bidirectional (ours)        {ours:9.1f} ms")
    print(f"    networkx dijkstra_path (3 pairs)    {uni:9.1f} ms   ratio {uni / ours:6.1f}x")
    print(f"    networkx bidirectional_dijkstra     {bidi:9.1f} ms   ratio {bidi / ours:6.1f}x")
    s = pairs[0][0]
    _, w_all, c_all = timed(dijkstra, csr.matrix, directed=True, indices=s)
    _, w_nx_all, c_nx_all = timed(nx.single_source_dijkstra_path_length, g, s)
    print(
        f"  all distances from one node: csgraph {c_all * 1000:8.1f} ms ({w_all * 1000:.0f})   "
        f"networkx {c_nx_all:7.2f} s ({w_nx_all:.2f})   ratio {c_nx_all / c_all:6.1f}x"
    )

    del g  # the route graph: networkx's flow builds its own (with capacities), in a child process
    gc.collect()
    print(f"  memory of this process now: RSS {rss_mb():,.0f} MB")

    count = 1000
    origins = rng.integers(0, n, count)
    destinations = rng.integers(0, n, count)
    tonnes = rng.integers(1, 11, count).astype(np.float64)
    keep = origins != destinations
    demands = [
        flows.Demand(int(o), int(d), float(q))
        for o, d, q in zip(origins[keep], destinations[keep], tonnes[keep], strict=True)
    ]
    # One commodity with node supplies (what networkx's network simplex solves): only the node balances count.
    supply = np.zeros(n)
    for d in demands:
        supply[d.origin] += d.tonnes
        supply[d.destination] -= d.tonnes
    result, w_flow, c_flow = timed(flows.min_cost_flow, n, tail, head, weight, capacity, demands, pooled=True)
    print(
        f"  min-cost flow of {len(demands):,} pairs: HiGHS {c_flow:7.2f} s ({w_flow:.2f})  "
        f"cost {result.objective:,.0f}  "
        f"saturated arcs {int(result.saturated.sum()):,}"
    )
    print(f"  peak memory of this process so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    if skip_nx_flow:
        print("  networkx network simplex: skipped (--skip-nx-flow)")
        return
    nx_flow_beside(n, tail, head, weight, capacity, supply, c_flow, result.objective, limit)
    if fallback and fallback[0] < n:
        fn, fm = fallback
        print(
            f"\n  the same min-cost flow on a smaller SYNTHETIC graph ({fn:,} nodes, {fm:,} arcs), "
            "where networkx finishes:"
        )
        t2, h2, w2, c2 = synthetic(fn, fm)
        rng2 = np.random.default_rng(2)
        o2, d2 = rng2.integers(0, fn, count), rng2.integers(0, fn, count)
        q2 = rng2.integers(1, 11, count).astype(np.float64)
        keep2 = o2 != d2
        dem2 = [flows.Demand(int(o), int(d), float(q)) for o, d, q in zip(o2[keep2], d2[keep2], q2[keep2], strict=True)]
        sup2 = np.zeros(fn)
        for d in dem2:
            sup2[d.origin] += d.tonnes
            sup2[d.destination] -= d.tonnes
        res2, w_f2, c_f2 = timed(flows.min_cost_flow, fn, t2, h2, w2, c2, dem2, pooled=True)
        print(
            f"  min-cost flow of {len(dem2):,} pairs: HiGHS {c_f2:7.2f} s ({w_f2:.2f})  cost {res2.objective:,.0f}  "
            f"saturated arcs {int(res2.saturated.sum()):,}"
        )
        nx_flow_beside(fn, t2, h2, w2, c2, sup2, c_f2, res2.objective, limit)


def _nx_flow_child(n, tail, head, weight, capacity, supply, out) -> None:  # type: ignore[no-untyped-def]
    import networkx as nx

    flow_graph = nx.DiGraph()
    for i, value in enumerate(supply):
        flow_graph.add_node(i, demand=-int(value))
    parallel = 0
    for a, b, w, c in zip(tail.tolist(), head.tolist(), weight.tolist(), capacity.tolist(), strict=True):
        if flow_graph.has_edge(a, b):  # a DiGraph keeps one arc per pair: keep the cheaper, as csgraph does
            parallel += 1
            if flow_graph[a][b]["weight"] <= w:
                continue
        flow_graph.add_edge(a, b, weight=int(w), capacity=int(c))
    (cost, _), wall, cpu = timed(nx.network_simplex, flow_graph)
    out.put((cost, wall, cpu, parallel))


def nx_flow_beside(n, tail, head, weight, capacity, supply, c_ours, ours_cost, limit) -> None:  # type: ignore[no-untyped-def]
    """networkx's network simplex on the same graph and node demands, in a child process stopped after ``limit``
    seconds of wall time (building its graph included)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    out = ctx.Queue()
    child = ctx.Process(target=_nx_flow_child, args=(n, tail, head, weight, capacity, supply, out))
    started = time.perf_counter()
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        print(
            f"  networkx network simplex: DID NOT FINISH within {limit:.0f} s of wall time "
            f"(stopped; graph build included) on {n:,} nodes: no ratio"
        )
        return
    if out.empty():
        print(f"  networkx network simplex: failed after {time.perf_counter() - started:.0f} s (exit {child.exitcode})")
        return
    nx_cost, w_nx_flow, c_nx_flow, parallel = out.get()
    print(
        f"  networkx network simplex {c_nx_flow:7.2f} s ({w_nx_flow:.2f})  "
        f"cost {nx_cost:,.0f} (ours {ours_cost:,.0f})   "
        f"ratio {c_nx_flow / c_ours:6.1f}x   ({parallel:,} parallel arcs merged for networkx: its cost may be lower)"
    )


def server_section(postgres: bool) -> None:
    urls = [("sqlite", f"sqlite:///{VAR / 'bench.sqlite3'}")]
    if postgres:
        urls.append(("postgresql", os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sco_bench")))
    paths = [
        "/api/v1/corridors/route?origin=CN_XIAN&destination=DE_DUISBURG&corridor=MC",
        "/api/v1/corridors/route?origin=CN_XIAN&destination=DE_DUISBURG&corridor=NR",
        "/api/v1/corridors/route?origin=CN_CHONGQING&destination=TR_ISTANBUL",
        "/api/v1/corridors/route?origin=RU_MOSCOW&destination=IN_MUMBAI&corridor=NS",
        "/api/v1/corridors/route?origin=KZ_ASTANA&destination=GE_POTI&carbon_price_usd_per_t_co2=100",
    ]
    print(
        "corridor network (demo data): route API through gunicorn (3 workers x 4 threads) beside the bare one-query "
        f"endpoint in the same run; load average {os.getloadavg()[0]:.1f}"
    )
    print("  on this shared machine latency is mostly waiting for a core: the CPU per request and its ratio to bare")
    print("  are the figures")
    for label, url in urls:
        ensure_database(url)
        with server(url) as base:
            for clients in (1, 8, 16):
                requests = 500 if clients == 1 else 1000
                bare = load(base, ["/_bench/bare"], clients=clients, requests=requests, warmup=50)
                report(f"[{label}] {clients:>2} clients  GET /_bench/bare", bare)
                route = load(base, paths, clients=clients, requests=requests, warmup=100)
                report(f"[{label}] {clients:>2} clients  GET /api/v1/corridors/route", route, bare=bare)
            print(f"  load average after: {os.getloadavg()[0]:.1f}")
        # The same requests in one process through Django's test client, timed in CPU seconds of that process:
        # on a shared machine the server's wall-clock figures above include waiting for a core.
        subprocess.run([sys.executable, "-c", IN_PROCESS, url, *paths], check=True, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="100,000 nodes and 1,000,000 arcs")
    parser.add_argument("--nodes", type=int, default=0, help="another size of the synthetic graph (x10 arcs)")
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--skip-nx-flow", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--postgres", action="store_true", help="also measure the route API on PostgreSQL")
    parser.add_argument("--nx-flow-limit", type=float, default=600.0, help="seconds before networkx's flow is stopped")
    parser.add_argument(
        "--nx-flow-fallback",
        type=int,
        default=10_000,
        help="nodes of a smaller graph (x10 arcs) where networkx's flow finishes",
    )
    args = parser.parse_args()
    if not args.skip_server:
        server_section(args.postgres)
    if args.skip_synthetic:
        return
    n, m = (100_000, 1_000_000) if args.full else (10_000, 100_000)
    if args.nodes:
        n, m = args.nodes, args.nodes * 10
    fallback = (args.nx_flow_fallback, args.nx_flow_fallback * 10) if args.full else None
    synthetic_section(n, m, args.skip_nx_flow, args.nx_flow_limit, fallback)


if __name__ == "__main__":
    main()
