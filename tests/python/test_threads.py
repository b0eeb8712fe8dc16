"""Reading functions on a loaded dataset may run on several threads at once (ctypes releases the
GIL during C calls): compute from 8 threads gives the same table as from one."""

import threading

import carestat


def test_compute_from_many_threads(tmp_path):
    carestat.synth(tmp_path, n_orgs=3, years=(2022, 2025), seed=9)
    with carestat.Dataset() as ds:
        ds.load_903([tmp_path / c for c in ("SYN001", "SYN002", "SYN003")])
        ds.load_population(tmp_path / "population.csv")
        expected = ds.compute(years=(2023, 2025)).to_csv()
        results, errors = [None] * 8, []

        def work(i):
            try:
                for _ in range(3):
                    results[i] = ds.compute(years=(2023, 2025)).to_csv()
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert all(r == expected for r in results)
        assert expected.count("\n") > 50
