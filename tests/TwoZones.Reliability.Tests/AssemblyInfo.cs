// Each test class runs whole apps, storage and load generators; on two cores they must take turns to measure anything.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
