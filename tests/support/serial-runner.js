// The federation project's runner: Jest's own, marked serial, so its files run one at a time against
// the one federation (counted metrics are then a file's own) while the unit project keeps its workers.
const Runner = require('jest-runner').default;

module.exports = class SerialRunner extends Runner {
  get isSerial() {
    return true;
  }
};
