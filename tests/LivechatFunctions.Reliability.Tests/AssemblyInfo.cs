// The soak test measures this process's memory and handles, and the fault tests bound answer times: both need
// the machine to themselves, so test classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
